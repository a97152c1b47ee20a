package dev.switchboard.seed;

import java.util.List;
import java.util.Random;

/** Words the demo data is made of: names, places, what breaks and what engineers do about it. */
final class DemoVocabulary {

    static final List<String> FIRST_NAMES = List.of("Olivia", "Noah", "Amelia", "Oliver", "Isla", "George", "Ava",
            "Arthur", "Mia", "Leo", "Ivy", "Harry", "Freya", "Oscar", "Lily", "Archie", "Grace", "Henry", "Sophia",
            "Theo", "Ella", "Jack", "Rosie", "Charlie", "Evie", "Thomas", "Alice", "James", "Poppy", "William",
            "Priya", "Mohammed", "Aisha", "Wei", "Sofia", "Mateo", "Chloe", "Daniel", "Zara", "Samuel");
    static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
            "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin",
            "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee",
            "Allen", "Morris", "Khan");
    static final List<String> STREETS = List.of("High Street", "Station Road", "Church Lane", "Victoria Road",
            "Park Avenue", "Mill Lane", "Queens Road", "The Crescent", "Manor Way", "Orchard Close", "Kings Drive",
            "Bridge Street", "Meadow View", "Castle Hill", "School Lane");

    /** Regions: code, name, and the towns in it. */
    record Region(String code, String name, List<String> towns) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("north", "North", List.of("Leeds", "York", "Harrogate")),
            new Region("south", "South", List.of("Brighton", "Southampton", "Guildford")),
            new Region("east", "East", List.of("Norwich", "Cambridge", "Ipswich")),
            new Region("west", "West", List.of("Bristol", "Bath", "Exeter")),
            new Region("central", "Central", List.of("Birmingham", "Coventry", "Leicester")),
            new Region("london", "Greater London", List.of("London", "Croydon", "Harrow")));

    /** Skills, and the kinds of request that need each. */
    record Skill(String code, String name, List<String> categories) {
    }

    static final List<Skill> SKILLS = List.of(
            new Skill("boiler", "Gas boilers", List.of("no heating", "no hot water", "boiler service")),
            new Skill("plumbing", "Plumbing", List.of("leak", "blocked drain")),
            new Skill("electrical", "Electrical", List.of("power cut in part of home", "faulty socket")),
            new Skill("heat-pump", "Heat pumps", List.of("heat pump fault", "heat pump service")),
            new Skill("appliance", "Appliances", List.of("washing machine fault", "oven fault")),
            new Skill("smart-meter", "Smart meters", List.of("smart meter install", "meter not reporting")));

    static final List<String> WORK_DONE = List.of("Replaced faulty part and tested", "Cleaned and re-sealed",
            "Reset controls and checked pressure", "Diagnosed fault; part ordered", "Annual service completed",
            "Replaced fuse and tested circuit");
    static final List<String> PARTS = List.of("diverter valve", "pressure sensor", "thermocouple", "pump",
            "fuse 13A", "seal kit", "PCB");

    /** The demo call-centre's agents, as the lab Asterisk knows them. */
    record Agent(String memberName, String extension) {
    }

    static final List<Agent> AGENTS = List.of(new Agent("Alice", "1001"), new Agent("Bob", "1002"),
            new Agent("Carol", "1003"), new Agent("Dave", "1004"), new Agent("Erin", "1005"));

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private DemoVocabulary() {
    }
}
