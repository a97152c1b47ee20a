package dev.switchboard.web.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for new passwords, without a database. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.bundled();

    @Test
    void the_bundled_list_holds_a_few_thousand_common_passwords_and_keyboard_walks() {
        assertThat(policy.commonPasswords()).isBetween(300, 5000);
        assertThat(policy.refusal("amy", "1q2w3e4r5t6y")).hasValueSatisfying(why -> assertThat(why).contains("common"));
        assertThat(policy.refusal("amy", "QWERTYUIOP[]")).hasValueSatisfying(why -> assertThat(why).contains("common"));
        assertThat(policy.refusal("amy", "iloveyou2024!")).hasValueSatisfying(why -> assertThat(why).contains("common"));
        assertThat(policy.refusal("amy", "Administrator1")).hasValueSatisfying(why -> assertThat(why).contains("common"));
    }

    @Test
    void a_password_that_holds_the_user_name_in_any_case_is_refused() {
        assertThat(policy.refusal("dee", "my-DEE-is-long-enough")).contains("must not contain the user name");
        assertThat(policy.refusal("dee", "my-D.E.E-is-long-enough")).isEmpty();
    }

    @Test
    void too_short_is_refused_first() {
        assertThat(policy.refusal("dee", "qwerty")).contains("must be at least 12 characters");
    }

    @Test
    void the_passwords_the_tests_and_the_guide_use_are_allowed() {
        for (String password : new String[] {"correct horse battery staple", "matrix-password", "agent-password",
                "dispatch-password", "roles-password", "throttle-password", "long-enough-password", "dana-password"}) {
            assertThat(policy.refusal("someone", password)).as(password).isEmpty();
        }
    }
}
