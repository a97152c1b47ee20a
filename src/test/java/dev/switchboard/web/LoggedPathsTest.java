package dev.switchboard.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A path written to the log by the problem mapper keeps a survey link's token and a WebSocket ticket out. */
class LoggedPathsTest {

    @Test
    void a_survey_links_token_is_replaced_and_other_paths_are_kept() {
        assertThat(ProblemMapper.loggable("/survey/Zm9vYmFyLXNlY3JldC10b2tlbg")).isEqualTo("/survey/{token}");
        assertThat(ProblemMapper.loggable("/survey/Zm9vYmFy/more")).isEqualTo("/survey/{token}/more");
        assertThat(ProblemMapper.loggable("/api/cases/42/surveys")).isEqualTo("/api/cases/42/surveys");
        assertThat(ProblemMapper.loggable(null)).isNull();
    }

    @Test
    void a_query_and_the_ticket_in_it_are_left_out() {
        assertThat(ProblemMapper.loggable("/api/queues/live?ticket=c2VjcmV0LXRpY2tldA")).isEqualTo("/api/queues/live");
        assertThat(ProblemMapper.loggable("/api/agent/pops?x=1&ticket=c2VjcmV0")).isEqualTo("/api/agent/pops");
        assertThat(ProblemMapper.loggable("/survey/Zm9vYmFy?ticket=c2VjcmV0")).isEqualTo("/survey/{token}");
    }
}
