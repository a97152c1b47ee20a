package dev.switchboard.web;

import dev.switchboard.sim.Recording;
import dev.switchboard.testing.BrowserStage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts on the agent's desk ({@code src/test/browser/accounts.mjs}): Alice finds Charles
 * Babbage with the desk's search, opens his page and turns a letter into a case on it; adding his
 * number to Ada is refused, naming him; she opens an account for someone who wrote in; then the
 * recorded call comes from +14155550101, which is on no account here (the seed's row for Ada is
 * deleted and the caller keys nothing in the IVR): she finds Ada from the pop, ticks "add the
 * number" and opens a case from the call. Another time she opens an account with the number from
 * the pop instead, on a phone's screen ({@code accounts-new-caller.mjs}); and when the number is a
 * line shared by Ada and Babbage, she says which of them calls ({@code accounts-shared-line.mjs}).
 * The next call from that number popping Ada is
 * {@code screenpop.LinkedNumberPopsTest}'s (this stage replays one call).
 */
class AccountsInTheBrowserTest {

    @Test
    void alice_finds_links_and_opens_accounts_from_the_desk_and_from_an_unknown_callers_pop() throws Exception {
        try (BrowserStage stage = new BrowserStage("accounts", Map.of(),
                sql -> sql.execute("DELETE FROM account_phones WHERE e164 = '+14155550101'"),
                AccountsInTheBrowserTest::withoutIvrAccount)) {
            stage.play("accounts.mjs", 180);

            assertThat(stage.sql().row("SELECT account_id FROM account_phones WHERE e164 = '+14155550101'"))
                    .as("the calling number is Ada's now").containsEntry("account_id", "1");
            assertThat(stage.sql().row("SELECT COUNT(*) AS n FROM account_phones WHERE e164 = '+14155550102'"))
                    .as("Babbage's number stayed his alone").containsEntry("n", "1");
            assertThat(stage.sql().row("SELECT c.channel, a.account_number FROM cases c JOIN accounts a ON a.id = c.account_id "
                    + "WHERE c.description = 'Letter: the outside tap drips since the visit'"))
                    .containsEntry("channel", "letter").containsEntry("account_number", "10043");
            assertThat(stage.sql().row("SELECT c.channel, a.account_number, c.call_journey_id IS NOT NULL AS from_call "
                    + "FROM cases c JOIN accounts a ON a.id = c.account_id "
                    + "WHERE c.description = 'Caller gave her account number; boiler noisy'"))
                    .containsEntry("channel", "phone").containsEntry("account_number", "10042").containsEntry("from_call", "1");
            assertThat(stage.sql().row("SELECT a.email, p.e164 FROM accounts a JOIN account_phones p ON p.account_id = a.id "
                    + "WHERE a.name = 'Mary Somerville'"))
                    .containsEntry("email", "mary@example.org").containsEntry("e164", "+14155550177");
        }
    }

    @Test
    void a_caller_on_no_account_gets_a_new_one_with_the_calling_number_from_the_pop() throws Exception {
        try (BrowserStage stage = new BrowserStage("new_caller", Map.of(),
                sql -> sql.execute("DELETE FROM account_phones WHERE e164 = '+14155550101'"),
                AccountsInTheBrowserTest::withoutIvrAccount)) {
            stage.play("accounts-new-caller.mjs", 120);

            assertThat(stage.sql().row("SELECT a.name, p.shared, "
                    + "(SELECT COUNT(*) FROM cases c WHERE c.account_id = a.id AND c.channel = 'phone' "
                    + "  AND c.call_journey_id IS NOT NULL) AS cases_from_calls "
                    + "FROM account_phones p JOIN accounts a ON a.id = p.account_id WHERE p.e164 = '+14155550101'"))
                    .containsEntry("name", "Grace Hopper").containsEntry("shared", "0").containsEntry("cases_from_calls", "1");
        }
    }

    @Test
    void a_shared_line_offers_its_accounts_and_the_agent_says_which_one_calls() throws Exception {
        try (BrowserStage stage = new BrowserStage("shared_line", Map.of(), sql -> {
            sql.execute("UPDATE account_phones SET shared = TRUE WHERE e164 = '+14155550101'");
            sql.execute("INSERT INTO account_phones (account_id, e164, shared) VALUES (2, '+14155550101', TRUE)");
        }, AccountsInTheBrowserTest::withoutIvrAccount)) {
            stage.play("accounts-shared-line.mjs", 120);

            assertThat(stage.sql().row("SELECT COUNT(*) AS n FROM account_phones WHERE e164 = '+14155550101' AND shared"))
                    .as("the line is still shared by the two, no more").containsEntry("n", "2");
        }
    }

    /** The recorded call as if the caller keyed no account in the IVR: only the caller ID can find them. */
    private static Recording withoutIvrAccount(Recording recording) {
        return new Recording(recording.banner(), recording.snapshots(), recording.stream().stream()
                .filter(t -> !(t.message().getOrEmpty("Variable").endsWith("CC_ACCOUNT")
                        || t.message().getOrEmpty("UserEvent").equals("IvrAccount")))
                .toList());
    }
}
