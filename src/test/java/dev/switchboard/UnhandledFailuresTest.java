package dev.switchboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures nobody handled are errors in the log, with their stack; the SQL client pool's known
 * timer race (its wait timer failing a request that was already given a connection) is a warning.
 */
class UnhandledFailuresTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(UnhandledFailures.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void the_pool_timer_race_is_a_warning_and_anything_else_an_error() {
        IllegalStateException race = new IllegalStateException("Promise already completed");
        race.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 110),
                new StackTraceElement("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1PoolRequest",
                        "lambda$onEnqueue$1", "SqlConnectionPool.java", 309)});
        IllegalStateException ours = new IllegalStateException("Promise already completed");

        new UnhandledFailures().handle(race);
        new UnhandledFailures().handle(ours);
        new UnhandledFailures().handle(new NullPointerException("a bug"));

        assertThat(logged.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.ERROR, Level.ERROR);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("served", "vertx-sql-client#1567");
        assertThat(logged.list.get(2).getThrowableProxy().getMessage()).isEqualTo("a bug");
    }

    @Test
    void every_vertx_the_service_makes_uses_it() {
        Vertx vertx = VertxFactory.withMetrics(VertxFactory.newRegistry());
        try {
            assertThat(vertx.exceptionHandler()).isInstanceOf(UnhandledFailures.class);
        } finally {
            vertx.close().await();
        }
    }
}
