package dev.switchboard.seed;

import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Migrations;
import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSeederTest {

    private static final DemoSeeder.Options OPTIONS = new DemoSeeder.Options(600, 7L, LocalDate.of(2026, 11, 18), false);
    private static final List<String> TABLES = List.of("accounts", "account_phones", "service_addresses", "engineers",
            "engineer_skills", "engineer_regions", "engineer_working_hours", "engineer_absences", "call_journeys",
            "call_legs", "cases", "case_events", "visits", "engineer_reports", "csat_surveys", "agent_interfaces");

    private static ConnectionSettings first;
    private static DemoSeeder.Result firstResult;
    private static final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void seedOnce() throws SQLException {
        first = migrated("seed_a");
        firstResult = DemoSeeder.seed(first, OPTIONS, (done, total, rows) -> progress.add(done));
    }

    private static ConnectionSettings migrated(String prefix) {
        ConnectionSettings db = TestMariaDb.freshDatabase(prefix);
        Migrations.migrateBlocking(db);
        return db;
    }

    @Test
    void the_same_options_write_exactly_the_same_rows() throws SQLException {
        ConnectionSettings second = migrated("seed_b");
        DemoSeeder.seed(second, OPTIONS, (done, total, rows) -> { });

        for (String table : TABLES) {
            assertThat(checksum(second, table)).as(table).isEqualTo(checksum(first, table));
        }
    }

    @Test
    void a_larger_run_starts_with_the_accounts_of_a_smaller_one() throws SQLException {
        ConnectionSettings larger = migrated("seed_c");
        DemoSeeder.seed(larger, new DemoSeeder.Options(1200, 7L, OPTIONS.anchor(), false), (d, t, r) -> { });

        String firstAccounts = "SELECT GROUP_CONCAT(CONCAT(account_number, name) ORDER BY id) FROM accounts WHERE id <= 600";
        assertThat(Sql.on(larger).text(firstAccounts)).isEqualTo(Sql.on(first).text(firstAccounts));
    }

    @Test
    void accounts_have_about_three_numbers_and_an_address_and_some_numbers_are_shared_households() throws SQLException {
        Sql db = Sql.on(first);
        assertThat(db.count("SELECT COUNT(*) FROM accounts")).isEqualTo(600);
        assertThat(db.count("SELECT COUNT(*) FROM account_phones")).as("about three numbers per account")
                .isBetween(1500L, 2100L);
        assertThat(db.count("SELECT COUNT(*) FROM (SELECT account_id FROM account_phones GROUP BY account_id "
                + "HAVING COUNT(*) >= 2) multi")).isGreaterThan(450);
        assertThat(db.count("SELECT COUNT(*) FROM (SELECT e164 FROM account_phones WHERE shared "
                + "GROUP BY e164 HAVING COUNT(*) = 2) households")).isEqualTo(15);
        assertThat(db.count("SELECT COUNT(DISTINCT account_id) FROM service_addresses")).isEqualTo(600);
    }

    @Test
    void demo_accounts_have_addresses_on_reserved_example_domains_only_and_some_prefer_sms() throws SQLException {
        Sql db = Sql.on(first);
        assertThat(db.count("SELECT COUNT(*) FROM accounts WHERE email IS NULL OR email NOT REGEXP "
                + "'^[a-z0-9.]+@example[.](com|org|net)$'")).as("no address outside example.com/.org/.net").isZero();
        assertThat(db.count("SELECT COUNT(DISTINCT SUBSTRING_INDEX(email, '@', -1)) FROM accounts")).isEqualTo(3);
        assertThat(db.count("SELECT COUNT(*) FROM accounts WHERE preferred_channel = 'sms'")).isEqualTo(60);
    }

    @Test
    void engineers_cover_every_region_and_skill_and_the_demo_has_its_history() throws SQLException {
        Sql db = Sql.on(first);
        assertThat(db.count("SELECT COUNT(DISTINCT region_id) FROM engineer_regions")).isEqualTo(6);
        assertThat(db.count("SELECT COUNT(DISTINCT skill_id) FROM engineer_skills")).isEqualTo(6);
        assertThat(db.count("SELECT COUNT(*) FROM cases WHERE status = 'closed'")).isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM visits WHERE status = 'booked' AND starts_at > '2026-11-18'"))
                .isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM engineer_reports")).isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM csat_surveys WHERE score IS NOT NULL")).isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM call_legs WHERE outcome = 'abandoned'")).isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM cases c WHERE NOT EXISTS "
                + "(SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created')")).isZero();
        assertThat(firstResult.rows()).isGreaterThan(5000);
    }

    @Test
    void progress_is_reported_after_each_chunk_up_to_the_total() {
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(600);
    }

    @Test
    void seeding_refuses_a_database_that_already_has_accounts_unless_told_to_reset() throws SQLException {
        ConnectionSettings db = migrated("seed_d");
        DemoSeeder.seed(db, new DemoSeeder.Options(50, 1L, OPTIONS.anchor(), false), (d, t, r) -> { });

        assertThatThrownBy(() -> DemoSeeder.seed(db, new DemoSeeder.Options(50, 1L, OPTIONS.anchor(), false),
                (d, t, r) -> { }))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageContaining("already holds 50 accounts");

        DemoSeeder.seed(db, new DemoSeeder.Options(80, 1L, OPTIONS.anchor(), true), (d, t, r) -> { });
        assertThat(Sql.on(db).count("SELECT COUNT(*) FROM accounts")).isEqualTo(80);
    }

    private static String checksum(ConnectionSettings db, String table) throws SQLException {
        // every column of every row, in key order: a change anywhere changes the digest
        String columns = Sql.on(db).text("SELECT GROUP_CONCAT(CONCAT('COALESCE(`', column_name, '`, ''~'')') "
                + "ORDER BY ordinal_position SEPARATOR ',') FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = '" + table + "'");
        return Sql.on(db).text("SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(h ORDER BY h SEPARATOR ''))) "
                + "FROM (SELECT MD5(CONCAT_WS('|'," + columns + ")) h FROM " + table + ") rows_digest");
    }
}
