package dev.switchboard.seed;

import dev.switchboard.seed.DemoVocabulary.Agent;
import dev.switchboard.seed.DemoVocabulary.Region;
import dev.switchboard.seed.DemoVocabulary.Skill;
import dev.switchboard.store.ConnectionSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static dev.switchboard.seed.DemoVocabulary.pick;

/**
 * Writes realistic demo data: accounts with several phone numbers and addresses, engineers across
 * regions and skills, past calls, cases with their audit trail, visits, engineer reports and
 * surveys. Deterministic: the same options give the same rows. Each account's data comes from its
 * own random stream, so a larger run starts with exactly the accounts of a smaller one.
 * Blocking JDBC with batched inserts: run it on a worker or from the command line.
 */
public final class DemoSeeder {

    /** What to write. Times are laid out around {@code anchor} (the "today" of the demo data). */
    public record Options(int accounts, long randomSeed, LocalDate anchor, boolean reset) {
        public static Options defaults(int accounts) {
            return new Options(accounts, 42L, LocalDate.now(ZoneOffset.UTC), false);
        }
    }

    public record Result(int accounts, int engineers, long rows, Duration took) {
    }

    /** Called after each chunk of accounts. */
    @FunctionalInterface
    public interface Progress {
        void accountsWritten(int done, int total, long rows);
    }

    public static final String DEMO_SERVER = "demo-seed";
    private static final int ACCOUNTS_PER_COMMIT = 1000;
    private static final LocalTime[] VISIT_STARTS = {LocalTime.of(8, 0), LocalTime.of(10, 30), LocalTime.of(13, 0),
            LocalTime.of(15, 30)};
    private static final Duration VISIT_LENGTH = Duration.ofHours(2);

    private final Options options;
    private final int engineers;
    private final int[] pastVisitsPerEngineer;
    private final int[] futureVisitsPerEngineer;
    private long nextCaseId = 1;
    private long nextVisitId = 1;
    private long nextJourneyId = 1;

    private DemoSeeder(Options options) {
        this.options = options;
        this.engineers = Math.max(10, Math.min(5000, options.accounts() / 50));
        this.pastVisitsPerEngineer = new int[engineers];
        this.futureVisitsPerEngineer = new int[engineers];
    }

    public static Result seed(ConnectionSettings db, Options options, Progress progress) throws SQLException {
        if (options.accounts() < 0) {
            throw new IllegalArgumentException("accounts must not be negative");
        }
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.driverProperties())) {
            c.setAutoCommit(false);
            if (options.reset()) {
                reset(c);
            }
            requireEmpty(c);
            DemoSeeder seeder = new DemoSeeder(options);
            long rows = seeder.write(c, progress);
            return new Result(options.accounts(), seeder.engineers, rows, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static void requireEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SeedSql.COUNT_ACCOUNTS)) {
            rs.next();
            long existing = rs.getLong(1);
            if (existing > 0) {
                throw new SeedRefusedException("the database already holds " + existing
                        + " accounts; seed writes into an empty database (add --reset to delete the demo tables first)");
            }
        }
    }

    private static void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : SeedSql.TABLES_CHILDREN_FIRST) {
                s.execute("DELETE FROM " + table);
            }
        }
        c.commit();
    }

    private long write(Connection c, Progress progress) throws SQLException {
        try (Batches b = new Batches(c)) {
            writeReferenceData(b);
            writeEngineers(b);
            b.flush();
            c.commit();
            for (int from = 0; from < options.accounts(); from += ACCOUNTS_PER_COMMIT) {
                int to = Math.min(options.accounts(), from + ACCOUNTS_PER_COMMIT);
                for (int i = from; i < to; i++) {
                    writeAccount(b, i);
                }
                b.flush();
                c.commit();
                progress.accountsWritten(to, options.accounts(), b.written());
            }
            return b.written();
        }
    }

    private void writeReferenceData(Batches b) throws SQLException {
        for (int r = 0; r < DemoVocabulary.REGIONS.size(); r++) {
            Region region = DemoVocabulary.REGIONS.get(r);
            b.regions.add(r + 1, region.code(), region.name());
        }
        for (int s = 0; s < DemoVocabulary.SKILLS.size(); s++) {
            Skill skill = DemoVocabulary.SKILLS.get(s);
            b.skills.add(s + 1, skill.code(), skill.name());
        }
        b.queues.add("support", 20, 80, 5);
        b.queues.add("billing", 30, 80, 5);
        for (int a = 0; a < DemoVocabulary.AGENTS.size(); a++) {
            Agent agent = DemoVocabulary.AGENTS.get(a);
            b.agents.add(a + 1, agent.memberName());
            b.agentInterfaces.add("Local/" + agent.extension() + "@agents/n", a + 1);
            b.agentInterfaces.add("PJSIP/" + agent.extension(), a + 1);
        }
    }

    private void writeEngineers(Batches b) throws SQLException {
        int regions = DemoVocabulary.REGIONS.size();
        int skills = DemoVocabulary.SKILLS.size();
        for (int e = 0; e < engineers; e++) {
            Random r = randomFor("engineer", e);
            long id = e + 1;
            int home = e % regions + 1;
            b.engineers.add(id, pick(r, DemoVocabulary.FIRST_NAMES) + " " + pick(r, DemoVocabulary.LAST_NAMES),
                    String.format("+447900%06d", e), home);
            b.engineerRegions.add(id, home);
            if (r.nextBoolean()) {
                b.engineerRegions.add(id, home % regions + 1);
            }
            int first = e % skills;
            b.engineerSkills.add(id, first + 1);
            for (int extra = 1 + r.nextInt(3); extra > 1; extra--) {
                b.engineerSkills.add(id, (first + extra) % skills + 1);
            }
            for (int weekday = 1; weekday <= 5; weekday++) {
                b.workingHours.add(id, weekday, LocalTime.of(8, 0), LocalTime.of(18, 0));
            }
            if (r.nextInt(10) == 0) {
                LocalDate leave = options.anchor().plusDays(7 + r.nextInt(60));
                b.absences.add(id, leave.atStartOfDay(), leave.plusDays(5).atStartOfDay(), "annual leave");
            }
        }
    }

    private void writeAccount(Batches b, int i) throws SQLException {
        Random r = randomFor("account", i);
        long accountId = i + 1L;
        String number = String.valueOf(10000 + i);
        String first = pick(r, DemoVocabulary.FIRST_NAMES);
        String last = pick(r, DemoVocabulary.LAST_NAMES);
        int statusRoll = r.nextInt(100);
        String status = statusRoll < 97 ? "active" : statusRoll < 99 ? "suspended" : "closed";
        LocalDateTime createdAt = options.anchor().minusDays(30 + r.nextInt(3650)).atTime(9, 0);
        // reserved example domains only (RFC 2606): demo mail never reaches a real mailbox
        String domain = List.of("example.com", "example.org", "example.net").get(i % 3);
        b.accounts.add(accountId, number, first + " " + last,
                (first + "." + last + i + "@" + domain).toLowerCase(), status, createdAt,
                i % 10 == 3 ? "sms" : null);

        b.phones.add(accountId, primaryPhone(i), "mobile", false);
        if (r.nextInt(10) < 7) {
            b.phones.add(accountId, String.format("+4420%08d", i), "home", false);
        }
        if (r.nextInt(10) < 7) {
            b.phones.add(accountId, String.format("+4413%08d", i), "work", false);
        }
        if (r.nextInt(10) < 5) {
            b.phones.add(accountId, String.format("+4475%08d", i), "mobile", false);
        }
        if (i % 40 <= 1) {
            // Two neighbouring accounts share one household line: caller ID alone cannot tell them apart.
            b.phones.add(accountId, String.format("+4412%08d", i - i % 40), "home", true);
        }

        int regionId = 1 + r.nextInt(DemoVocabulary.REGIONS.size());
        Region region = DemoVocabulary.REGIONS.get(regionId - 1);
        long addressId = 2L * i + 1;
        b.addresses.add(addressId, accountId, (1 + r.nextInt(200)) + " " + pick(r, DemoVocabulary.STREETS),
                pick(r, region.towns()), postcode(r), regionId, true);
        if (r.nextInt(10) == 0) {
            b.addresses.add(addressId + 1, accountId, (1 + r.nextInt(200)) + " " + pick(r, DemoVocabulary.STREETS),
                    pick(r, region.towns()), postcode(r), regionId, false);
        }

        long lastJourney = 0;
        for (int calls = r.nextInt(3); calls > 0; calls--) {
            lastJourney = writeCall(b, r, accountId, number, primaryPhone(i));
        }
        for (int cases = r.nextInt(10) < 4 ? 0 : 1 + r.nextInt(2); cases > 0; cases--) {
            writeCase(b, r, accountId, addressId, lastJourney);
            lastJourney = 0;
        }
    }

    private long writeCall(Batches b, Random r, long accountId, String accountNumber, String phone) throws SQLException {
        long id = nextJourneyId++;
        LocalDateTime started = options.anchor().minusDays(1 + r.nextInt(30)).atTime(8 + r.nextInt(12), r.nextInt(60),
                r.nextInt(60));
        int ivrSeconds = 8 + r.nextInt(20);
        boolean enteredAccount = r.nextInt(10) < 7;
        LocalDateTime joined = started.plusSeconds(ivrSeconds);
        int roll = r.nextInt(100);
        String outcome = roll < 85 ? "answered" : roll < 95 ? "abandoned" : "timeout";
        int hold = outcome.equals("timeout") ? 20 : 1 + r.nextInt(outcome.equals("answered") ? 60 : 90);
        Agent agent = pick(r, DemoVocabulary.AGENTS);
        boolean answered = outcome.equals("answered");
        int talk = answered ? 30 + r.nextInt(870) : 0;
        LocalDateTime left = joined.plusSeconds(hold);
        LocalDateTime ended = left.plusSeconds(talk);
        b.journeys.add(id, DEMO_SERVER, "seed-" + id, phone, phone, enteredAccount ? accountNumber : null, accountId,
                started, ivrSeconds, ended);
        b.legs.add(id, r.nextInt(4) == 0 ? "billing" : "support", joined, 1 + r.nextInt(5), outcome, left, hold,
                answered ? 1 + r.nextInt(6) : null, answered ? talk : null,
                answered ? agent.memberName() : null, answered ? "Local/" + agent.extension() + "@agents/n" : null,
                answered ? DemoVocabulary.AGENTS.indexOf(agent) + 1 : null, r.nextInt(8) == 0 ? 1 : 0,
                answered ? (r.nextBoolean() ? "caller" : "agent") : null);
        return id;
    }

    /** A case and its history; where it has got to decides which visits, reports and survey exist. */
    private void writeCase(Batches b, Random r, long accountId, long addressId, long journeyId) throws SQLException {
        long caseId = nextCaseId++;
        int skillIndex = r.nextInt(DemoVocabulary.SKILLS.size());
        Skill skill = DemoVocabulary.SKILLS.get(skillIndex);
        String category = pick(r, skill.categories());
        int roll = r.nextInt(100);
        String status = roll < 60 ? "closed" : roll < 70 ? "open" : roll < 80 ? "scheduled" : roll < 85 ? "visited"
                : roll < 90 ? "resolved" : roll < 95 ? "waiting_parts" : roll < 98 ? "escalated" : "cancelled";
        String channel = journeyId > 0 ? "phone" : pick(r, List.of("phone", "email", "web", "letter",
                "walk_in", "social"));
        String priority = pick(r, List.of("low", "normal", "normal", "normal", "high", "urgent"));
        LocalDateTime created = options.anchor().minusDays(2 + r.nextInt(60)).atTime(9 + r.nextInt(8), r.nextInt(60));
        boolean hasPastVisit = status.equals("visited") || status.equals("waiting_parts")
                || (status.equals("closed") && r.nextInt(10) < 7);
        LocalDateTime updated = created.plusHours(1);
        LocalDateTime closedAt = null;

        b.caseEvents.add(caseId, created, "system", "created", null, "open", "Reported: " + category);
        if (hasPastVisit) {
            int engineer = r.nextInt(engineers);
            LocalDateTime start = pastVisitSlot(engineer);
            long visitId = nextVisitId++;
            b.visit(visitId, caseId, engineer + 1L, start, "completed", created.plusMinutes(10), created.plusMinutes(10));
            String outcome = status.equals("waiting_parts") ? "follow_up" : r.nextInt(10) == 0 ? "not_home" : "fixed";
            b.reports.add(visitId, outcome, pick(r, DemoVocabulary.WORK_DONE),
                    outcome.equals("fixed") && r.nextBoolean() ? pick(r, DemoVocabulary.PARTS) : null,
                    30 + r.nextInt(150), start.plus(VISIT_LENGTH));
            b.caseEvents.add(caseId, created.plusMinutes(10), "system", "visit_booked", "open", "scheduled",
                    "Engineer visit booked");
            b.caseEvents.add(caseId, start.plus(VISIT_LENGTH), "system", "report_recorded", "scheduled", "visited",
                    "Engineer outcome: " + outcome);
            updated = start.plus(VISIT_LENGTH);
        } else if (status.equals("scheduled")) {
            int engineer = r.nextInt(engineers);
            long visitId = nextVisitId++;
            b.visit(visitId, caseId, engineer + 1L, futureVisitSlot(engineer), "booked", created.plusMinutes(10),
                    r.nextInt(10) < 8 ? created.plusMinutes(12) : null);
            b.caseEvents.add(caseId, created.plusMinutes(10), "system", "visit_booked", "open", "scheduled",
                    "Engineer visit booked");
            updated = created.plusMinutes(10);
        }
        if (status.equals("closed")) {
            closedAt = updated.plusHours(2);
            b.caseEvents.add(caseId, closedAt, "system", "transition", hasPastVisit ? "visited" : "open", "closed",
                    hasPastVisit ? "Repair confirmed" : "Resolved on the call");
            updated = closedAt;
            if (r.nextInt(10) < 7) {
                boolean answered = r.nextInt(10) < 6;
                b.surveys.add(caseId, pick(r, List.of("sms", "email", "ivr")), closedAt.plusMinutes(5),
                        answered ? 1 + Math.min(4, r.nextInt(6)) : null, answered ? closedAt.plusHours(3) : null);
            }
        } else if (!status.equals("open") && !status.equals("scheduled") && !status.equals("visited")) {
            b.caseEvents.add(caseId, updated.plusMinutes(30), "system", "transition",
                    hasPastVisit ? "visited" : "open", status, "Demo history");
            updated = updated.plusMinutes(30);
        }
        b.cases.add(caseId, accountId, addressId, channel, category, priority, status,
                "Customer reports: " + category + ".", skillIndex + 1, journeyId > 0 ? journeyId : null,
                created, updated, closedAt);
    }

    private LocalDateTime pastVisitSlot(int engineer) {
        int index = pastVisitsPerEngineer[engineer]++;
        return businessDay(-1 - index / VISIT_STARTS.length).atTime(VISIT_STARTS[index % VISIT_STARTS.length]);
    }

    private LocalDateTime futureVisitSlot(int engineer) {
        int index = futureVisitsPerEngineer[engineer]++;
        return businessDay(1 + index / VISIT_STARTS.length).atTime(VISIT_STARTS[index % VISIT_STARTS.length]);
    }

    /** The n-th working day after (n &gt; 0) or before (n &lt; 0) the anchor. */
    private LocalDate businessDay(int n) {
        LocalDate day = options.anchor();
        int step = n > 0 ? 1 : -1;
        for (int left = Math.abs(n); left > 0; ) {
            day = day.plusDays(step);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }

    private Random randomFor(String kind, long index) {
        return new Random(options.randomSeed() * 1_000_003L + kind.hashCode() * 7_919L + index);
    }

    private static String primaryPhone(int i) {
        return i < 10000 ? String.format("+1415555%04d", i) : String.format("+447%09d", i);
    }

    private static String postcode(Random r) {
        return (char) ('A' + r.nextInt(26)) + "" + (char) ('A' + r.nextInt(26)) + (1 + r.nextInt(20)) + " "
                + r.nextInt(10) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
    }

    /** One batch per table, flushed parent-first once per chunk of accounts. */
    private static final class Batches implements AutoCloseable {
        final Batch regions, skills, queues, agents, agentInterfaces, engineers, engineerSkills, engineerRegions,
                workingHours, absences, accounts, phones, addresses, journeys, legs, cases, caseEvents, visits,
                reports, surveys;
        private final List<Batch> inParentFirstOrder;

        Batches(Connection c) throws SQLException {
            regions = new Batch(c, SeedSql.INSERT_REGION);
            skills = new Batch(c, SeedSql.INSERT_SKILL);
            queues = new Batch(c, SeedSql.INSERT_QUEUE);
            agents = new Batch(c, SeedSql.INSERT_AGENT);
            agentInterfaces = new Batch(c, SeedSql.INSERT_AGENT_INTERFACE);
            engineers = new Batch(c, SeedSql.INSERT_ENGINEER);
            engineerSkills = new Batch(c, SeedSql.INSERT_ENGINEER_SKILL);
            engineerRegions = new Batch(c, SeedSql.INSERT_ENGINEER_REGION);
            workingHours = new Batch(c, SeedSql.INSERT_WORKING_HOURS);
            absences = new Batch(c, SeedSql.INSERT_ABSENCE);
            accounts = new Batch(c, SeedSql.INSERT_ACCOUNT);
            phones = new Batch(c, SeedSql.INSERT_PHONE);
            addresses = new Batch(c, SeedSql.INSERT_ADDRESS);
            journeys = new Batch(c, SeedSql.INSERT_JOURNEY);
            legs = new Batch(c, SeedSql.INSERT_LEG);
            cases = new Batch(c, SeedSql.INSERT_CASE);
            caseEvents = new Batch(c, SeedSql.INSERT_CASE_EVENT);
            visits = new Batch(c, SeedSql.INSERT_VISIT);
            reports = new Batch(c, SeedSql.INSERT_REPORT);
            surveys = new Batch(c, SeedSql.INSERT_SURVEY);
            inParentFirstOrder = List.of(regions, skills, queues, agents, agentInterfaces, engineers,
                    engineerSkills, engineerRegions, workingHours, absences, accounts, phones, addresses, journeys,
                    legs, cases, caseEvents, visits, reports, surveys);
        }

        void visit(long id, long caseId, long engineerId, LocalDateTime start, String status,
                   LocalDateTime bookedAt, LocalDateTime advisedAt) throws SQLException {
            visits.add(id, caseId, engineerId, start, start.plus(VISIT_LENGTH), status, advisedAt,
                    advisedAt == null ? null : "call", bookedAt);
        }

        /** Sends what is pending, parents before children so foreign keys hold. */
        void flush() throws SQLException {
            for (Batch batch : inParentFirstOrder) {
                batch.flush();
            }
        }

        long written() {
            return inParentFirstOrder.stream().mapToLong(Batch::written).sum();
        }

        @Override
        public void close() throws SQLException {
            for (Batch batch : inParentFirstOrder) {
                batch.close();
            }
        }
    }
}
