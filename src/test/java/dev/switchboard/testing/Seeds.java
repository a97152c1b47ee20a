package dev.switchboard.testing;

/** Small call centres that several tests start from. */
public final class Seeds {

    private Seeds() {
    }

    /**
     * Ada Lovelace (account 10042, +14155550101) at 12 Analytical Way in region 1 (north), and
     * engineer Grace (id 1) who covers it every day 08:00–18:00.
     */
    public static void adaAndGraceInTheNorth(Sql sql) throws Exception {
        sql.execute("INSERT INTO regions (id, code, name) VALUES (1, 'north', 'North')");
        sql.execute("INSERT INTO accounts (id, account_number, name) VALUES (1, '10042', 'Ada Lovelace')");
        sql.execute("INSERT INTO account_phones (account_id, e164) VALUES (1, '+14155550101')");
        sql.execute("INSERT INTO service_addresses (account_id, line1, city, postcode, region_id, is_primary) "
                + "VALUES (1, '12 Analytical Way', 'Northtown', 'N1', 1, TRUE)");
        sql.execute("INSERT INTO engineers (id, name, home_region_id) VALUES (1, 'Grace', 1)");
        sql.execute("INSERT INTO engineer_regions (engineer_id, region_id) VALUES (1, 1)");
        for (int weekday = 1; weekday <= 7; weekday++) {
            sql.execute("INSERT INTO engineer_working_hours (engineer_id, weekday, starts_at, ends_at) VALUES (1, "
                    + weekday + ", '08:00', '18:00')");
        }
    }
}
