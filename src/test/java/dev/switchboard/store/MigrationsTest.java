package dev.switchboard.store;

import dev.switchboard.testing.Sql;
import dev.switchboard.testing.TestMariaDb;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @Test
    void migrations_build_the_whole_domain_on_an_empty_database_and_do_nothing_the_second_time() throws Exception {
        ConnectionSettings db = TestMariaDb.freshDatabase("migrations");

        Migrations.Outcome first = Migrations.migrateBlocking(db);
        Migrations.Outcome second = Migrations.migrateBlocking(db);

        assertThat(first.applied()).isPositive();
        assertThat(second.applied()).isZero();
        assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
        long domainTables = Sql.on(db).count("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name IN ('accounts','account_phones',"
                + "'service_addresses','regions','skills','cases','case_events','engineers','engineer_skills',"
                + "'engineer_regions','engineer_working_hours','engineer_absences','visits','engineer_reports',"
                + "'call_journeys','call_legs','queues','agents','agent_interfaces','users','callbacks','csat_surveys')");
        assertThat(domainTables).isEqualTo(22);
    }
}
