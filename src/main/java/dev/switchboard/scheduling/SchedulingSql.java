package dev.switchboard.scheduling;

/** The SQL of engineer availability and visits. */
final class SchedulingSql {

    /** The skill a case needs and the region of its service address (else the account's main one). */
    static final String CASE_JOB = """
            SELECT c.id, c.required_skill_id AS skill,
                   COALESCE(sa.region_id, (SELECT s2.region_id FROM service_addresses s2
                                            WHERE s2.account_id = c.account_id
                                            ORDER BY s2.is_primary DESC, s2.id LIMIT 1)) AS region
              FROM cases c LEFT JOIN service_addresses sa ON sa.id = c.service_address_id
             WHERE c.id = #{case}
            """;

    /** Engineers e who may do the job: active, covering the region, with the skill if one is needed. */
    private static final String ELIGIBLE = " " + """
            e.active
            AND EXISTS (SELECT 1 FROM engineer_regions r WHERE r.engineer_id = e.id AND r.region_id = #{region})
            AND (#{skill} IS NULL
                 OR EXISTS (SELECT 1 FROM engineer_skills s WHERE s.engineer_id = e.id AND s.skill_id = #{skill}))
            AND (#{engineer} IS NULL OR e.id = #{engineer})
            """;

    static final String ENGINEERS = "SELECT e.id, e.name FROM engineers e WHERE" + ELIGIBLE + " ORDER BY e.id";

    static final String LOCK_ENGINEER = "SELECT e.id, e.name FROM engineers e WHERE" + ELIGIBLE + " FOR UPDATE";

    static final String HOURS = """
            SELECT h.engineer_id, h.weekday, h.starts_at, h.ends_at
              FROM engineer_working_hours h JOIN engineers e ON e.id = h.engineer_id
             WHERE """ + ELIGIBLE;

    static final String ABSENCES = """
            SELECT a.engineer_id, a.starts_at, a.ends_at
              FROM engineer_absences a JOIN engineers e ON e.id = a.engineer_id
             WHERE a.starts_at < #{to} AND a.ends_at > #{from} AND """ + ELIGIBLE;

    static final String VISITS = """
            SELECT v.engineer_id, v.starts_at, v.ends_at
              FROM visits v JOIN engineers e ON e.id = v.engineer_id
             WHERE v.status <> 'cancelled' AND v.starts_at < #{to} AND v.ends_at > #{from} AND """ + ELIGIBLE;

    static final String INSERT_VISIT = """
            INSERT INTO visits (case_id, engineer_id, starts_at, ends_at, booked_by_user_id)
            VALUES (#{case}, #{engineer}, #{start}, #{end}, #{user})
            RETURNING id
            """;

    static final String VISIT = """
            SELECT v.id, v.case_id, v.engineer_id, e.name AS engineer, v.starts_at, v.ends_at, v.status,
                   v.customer_advised_at, v.customer_advised_via
              FROM visits v JOIN engineers e ON e.id = v.engineer_id
             WHERE v.id = #{visit}
            """;

    /** The live visits starting in [from, to), by engineer, with the job and where it is. */
    static final String DAY_VISITS = """
            SELECT v.id, v.case_id, v.engineer_id, e.name AS engineer, v.starts_at, v.ends_at, v.status,
                   v.customer_advised_at, c.category, c.description, c.status AS case_status,
                   a.account_number, a.name AS account_name, sa.line1, sa.city, sa.postcode,
                   r.outcome AS report_outcome
              FROM visits v
              JOIN engineers e ON e.id = v.engineer_id
              JOIN cases c ON c.id = v.case_id
              JOIN accounts a ON a.id = c.account_id
              LEFT JOIN service_addresses sa ON sa.id = COALESCE(c.service_address_id,
                   (SELECT MIN(p.id) FROM service_addresses p WHERE p.account_id = a.id AND p.is_primary))
              LEFT JOIN engineer_reports r ON r.visit_id = v.id
             WHERE v.starts_at >= #{from} AND v.starts_at < #{to} AND v.status <> 'cancelled'
             ORDER BY e.name, e.id, v.starts_at
            """;

    /** Who the dispatcher plans with on a day: the engineers on the rota, and any other with a visit that day. */
    static final String DAY_ENGINEERS = """
            SELECT e.id, e.name, e.active
              FROM engineers e
             WHERE e.active OR EXISTS (SELECT 1 FROM visits v WHERE v.engineer_id = e.id AND v.status <> 'cancelled'
                                          AND v.starts_at >= #{from} AND v.starts_at < #{to})
             ORDER BY e.name, e.id
            """;

    /** Every engineer's working hours on one weekday (1 = Monday), in the call centre's local time. */
    static final String DAY_HOURS = """
            SELECT engineer_id, starts_at, ends_at FROM engineer_working_hours
             WHERE weekday = #{weekday} ORDER BY engineer_id, starts_at
            """;

    /** The absences that touch [from, to). */
    static final String DAY_ABSENCES = """
            SELECT engineer_id, starts_at, ends_at, reason FROM engineer_absences
             WHERE starts_at < #{to} AND ends_at > #{from} ORDER BY engineer_id, starts_at
            """;

    /** The regions each engineer covers, by code. */
    static final String ENGINEER_REGION_CODES = """
            SELECT er.engineer_id, r.code FROM engineer_regions er JOIN regions r ON r.id = er.region_id ORDER BY r.code
            """;

    static final String LOCK_VISIT = "SELECT case_id, status FROM visits WHERE id = #{visit} FOR UPDATE";

    static final String CANCEL_VISIT = "UPDATE visits SET status = 'cancelled', version = version + 1 WHERE id = #{visit}";

    static final String ADVISE = """
            UPDATE visits SET customer_advised_at = #{now}, customer_advised_via = #{via}, version = version + 1
             WHERE id = #{visit}
            """;

    static final String OTHER_BOOKED_VISITS = """
            SELECT COUNT(*) AS n FROM visits WHERE case_id = #{case} AND status = 'booked' AND id <> #{visit}
            """;

    static final String INSERT_REPORT = """
            INSERT INTO engineer_reports (visit_id, outcome, work_done, parts_used, minutes_on_site, reported_at,
                                          reported_by_user_id)
            VALUES (#{visit}, #{outcome}, #{workDone}, #{partsUsed}, #{minutes}, #{now}, #{user})
            """;

    static final String COMPLETE_VISIT = "UPDATE visits SET status = 'completed', version = version + 1 WHERE id = #{visit}";

    static final String REPORT = """
            SELECT outcome, work_done, parts_used, minutes_on_site, reported_at FROM engineer_reports
             WHERE visit_id = #{visit}
            """;

    static final String WAITLIST_ADD = """
            INSERT INTO visit_waitlist (case_id, wanted_by, created_by_user_id) VALUES (#{case}, #{wantedBy}, #{user})
            RETURNING id
            """;

    static final String WAITLIST_OPEN = """
            SELECT w.id, w.case_id, w.wanted_by, w.requested_at, c.category, a.account_number, a.name AS account_name
              FROM visit_waitlist w JOIN cases c ON c.id = w.case_id JOIN accounts a ON a.id = c.account_id
             WHERE w.status = 'waiting'
             ORDER BY w.wanted_by, w.id LIMIT 500
            """;

    /** A booking settles the case's waitlist entries. */
    static final String WAITLIST_BOOKED = "UPDATE visit_waitlist SET status = 'booked' WHERE case_id = #{case} AND status = 'waiting'";

    /** Every engineer as the admin sees them: home region, regions covered, skills, weekly hours. */
    static final String ENGINEERS_ADMIN = """
            SELECT e.id, e.name, e.phone_e164, e.active, hr.code AS home_region,
                   (SELECT GROUP_CONCAT(r.code ORDER BY r.code SEPARATOR ' ')
                      FROM engineer_regions er JOIN regions r ON r.id = er.region_id
                     WHERE er.engineer_id = e.id) AS regions,
                   (SELECT GROUP_CONCAT(s.code ORDER BY s.code SEPARATOR ' ')
                      FROM engineer_skills es JOIN skills s ON s.id = es.skill_id
                     WHERE es.engineer_id = e.id) AS skills,
                   (SELECT GROUP_CONCAT(CONCAT(h.weekday, ' ', TIME_FORMAT(h.starts_at, '%H:%i'), ' ',
                                               TIME_FORMAT(h.ends_at, '%H:%i')) ORDER BY h.weekday, h.starts_at
                                        SEPARATOR ',')
                      FROM engineer_working_hours h WHERE h.engineer_id = e.id) AS hours
              FROM engineers e JOIN regions hr ON hr.id = e.home_region_id
             ORDER BY e.name, e.id
            """;

    static final String REGIONS = "SELECT id, code, name FROM regions ORDER BY code";

    static final String SKILLS = "SELECT id, code, name FROM skills ORDER BY code";

    static final String INSERT_ENGINEER = """
            INSERT INTO engineers (name, phone_e164, home_region_id) VALUES (#{name}, #{phone}, #{region}) RETURNING id
            """;

    static final String INSERT_ENGINEER_REGION = "INSERT INTO engineer_regions (engineer_id, region_id) VALUES (#{engineer}, #{region})";

    static final String INSERT_ENGINEER_SKILL = "INSERT INTO engineer_skills (engineer_id, skill_id) VALUES (#{engineer}, #{skill})";

    static final String INSERT_WORKING_HOURS = """
            INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at)
            VALUES (#{engineer}, #{weekday}, #{start}, #{end})
            """;

    static final String ENGINEER_FOR_UPDATE = "SELECT id, name, active FROM engineers WHERE id = #{id} FOR UPDATE";

    static final String SET_ENGINEER_ACTIVE = "UPDATE engineers SET active = #{active} WHERE id = #{id}";

    private SchedulingSql() {
    }
}
