package dev.switchboard.seed;

import java.util.List;

/** The statements the demo-data seeder runs; one row of parameters per {@code ?} group. */
final class SeedSql {

    static final String COUNT_ACCOUNTS = "SELECT COUNT(*) FROM accounts";

    static final String INSERT_REGION = "INSERT INTO regions (id, code, name) VALUES (?, ?, ?)";
    static final String INSERT_SKILL = "INSERT INTO skills (id, code, name) VALUES (?, ?, ?)";
    static final String INSERT_QUEUE =
            "INSERT INTO queues (name, target_answer_seconds, target_percent, short_abandon_seconds) VALUES (?, ?, ?, ?)";
    static final String INSERT_AGENT = "INSERT INTO agents (id, member_name) VALUES (?, ?)";
    static final String INSERT_AGENT_INTERFACE = "INSERT INTO agent_interfaces (interface, agent_id) VALUES (?, ?)";

    static final String INSERT_ENGINEER =
            "INSERT INTO engineers (id, name, phone_e164, home_region_id) VALUES (?, ?, ?, ?)";
    static final String INSERT_ENGINEER_SKILL = "INSERT INTO engineer_skills (engineer_id, skill_id) VALUES (?, ?)";
    static final String INSERT_ENGINEER_REGION = "INSERT INTO engineer_regions (engineer_id, region_id) VALUES (?, ?)";
    static final String INSERT_WORKING_HOURS =
            "INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (?, ?, ?, ?)";
    static final String INSERT_ABSENCE =
            "INSERT INTO engineer_absences (engineer_id, starts_at, ends_at, reason) VALUES (?, ?, ?, ?)";

    static final String INSERT_ACCOUNT =
            "INSERT INTO accounts (id, account_number, name, email, status, created_at, preferred_channel) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_PHONE =
            "INSERT INTO account_phones (account_id, e164, kind, shared) VALUES (?, ?, ?, ?)";
    static final String INSERT_ADDRESS =
            "INSERT INTO service_addresses (id, account_id, line1, city, postcode, region_id, is_primary) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_JOURNEY =
            "INSERT INTO call_journeys (id, server, linkedid, caller_number, caller_e164, ivr_account_entered, "
                    + "account_id, started_at, ivr_seconds, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_LEG =
            "INSERT INTO call_legs (journey_id, leg_no, queue_name, joined_at, position, outcome, left_at, "
                    + "hold_seconds, ring_seconds, talk_seconds, agent_member_name, agent_interface, agent_id, "
                    + "ring_no_answers, completed_by) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_CASE =
            "INSERT INTO cases (id, account_id, service_address_id, channel, category, priority, status, description, "
                    + "required_skill_id, call_journey_id, created_at, updated_at, closed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_CASE_EVENT =
            "INSERT INTO case_events (case_id, at, actor, kind, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_VISIT =
            "INSERT INTO visits (id, case_id, engineer_id, starts_at, ends_at, status, customer_advised_at, "
                    + "customer_advised_via, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_REPORT =
            "INSERT INTO engineer_reports (visit_id, outcome, work_done, parts_used, minutes_on_site, reported_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)";
    static final String INSERT_SURVEY =
            "INSERT INTO csat_surveys (case_id, channel, sent_at, score, answered_at) VALUES (?, ?, ?, ?, ?)";

    /** Every table the seeder writes, children first, for {@code --reset}. */
    static final List<String> TABLES_CHILDREN_FIRST = List.of(
            "csat_surveys", "callbacks", "engineer_reports", "visits", "case_events", "cases", "call_legs",
            "call_journeys", "service_addresses", "account_phones", "accounts", "engineer_absences",
            "engineer_working_hours", "engineer_regions", "engineer_skills", "engineers", "agent_interfaces",
            "agents", "queues", "skills", "regions");

    private SeedSql() {
    }
}
