package dev.switchboard.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassHistogramTest {

    private static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          64000  [B (java.base@17.0.15)
               2:           500          12000  java.lang.String (java.base@17.0.15)
               3:            10            480  dev.switchboard.calls.Journey
            Total          1510          76480
            """;
    private static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1100          70400  [B (java.base@17.0.15)
               2:         20010         960480  dev.switchboard.calls.Journey
               3:           400           9600  java.lang.String (java.base@17.0.15)
            Total         21510        1040480
            """;

    @Test
    void the_class_that_grew_most_comes_first_with_its_counts_before_and_after() {
        String table = ClassHistogram.parse(AFTER).growthSince(ClassHistogram.parse(BEFORE), 2);

        assertThat(table.lines().skip(2).toList()).containsExactly(
                "| `dev.switchboard.calls.Journey` | 10 | 20,010 | 0.00 | 0.92 | +0.92 |",
                "| `[B` | 1,000 | 1,100 | 0.06 | 0.07 | +0.01 |");
    }

    @Test
    void this_jvm_gives_a_histogram_that_includes_its_own_strings() {
        String table = ClassHistogram.take().growthSince(ClassHistogram.parse(""), 50);

        assertThat(table).contains("`java.lang.String`");
    }
}
