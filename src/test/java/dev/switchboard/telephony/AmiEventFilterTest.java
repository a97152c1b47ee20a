package dev.switchboard.telephony;

import dev.switchboard.sim.AmiMessage;
import dev.switchboard.sim.Recording;
import dev.switchboard.testing.AmiEventFilter;
import dev.switchboard.testing.AsteriskConf;
import dev.switchboard.testing.QueueLog;
import dev.switchboard.testing.Recordings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The eventfilter of the shipped asterisk-config/manager.conf, applied as Asterisk 22 applies it
 * ({@link AmiEventFilter}) to the real recordings: how many events a call costs Switchboard with
 * and without it. That the filtered recordings still give the same calls and figures as Asterisk's
 * queue_log is shown by RecordedCallsAgreeWithQueueLogTest and QueueFiguresAgreeWithQueueLogTest,
 * which replay them both ways.
 */
class AmiEventFilterTest {

    private static final Path MANAGER_CONF = Path.of("asterisk-config", "manager.conf");

    /** Events per call of one recording: as recorded, for the login's classes, and filtered too. */
    record PerCall(String recording, int calls, int recorded, int forClasses, int filtered) {

        double recordedPerCall() {
            return (double) recorded / calls;
        }

        double forClassesPerCall() {
            return (double) forClasses / calls;
        }

        double filteredPerCall() {
            return (double) filtered / calls;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-15s %3d calls  %6.1f recorded  %6.1f for the login's classes  %6.1f filtered",
                    recording, calls, recordedPerCall(), forClassesPerCall(), filteredPerCall());
        }
    }

    @Test
    void every_eventfilter_line_of_manager_conf_is_one_asterisk_accepts() {
        AmiEventFilter shipped = Recordings.shippedEventFilter();

        assertThat(shipped.eventFilterLines()).as("eventfilter lines of [switchboard]").isGreaterThanOrEqualTo(10);
    }

    @Test
    void lines_are_read_as_manager_c_reads_them() {
        // accepted and refused as in manager.c's own eventfilter_test_creation table
        for (String[] accepted : new String[][]{{"eventfilter", "XXX"}, {"eventfilter", "!XXX"},
                {"eventfilter(name(VarSet),method(none))", ""}, {"eventfilter(name(Newchannel),method(regex))", "X[XYZ]X"},
                {"eventfilter(action(include),name(VarSet),header(Channel),method(starts_with))", "AB"},
                {"eventfilter(name(VarSet),header(Channel),method(exact))", "!ZZZ"}}) {
            assertThat(login(accepted[0] + " = " + accepted[1]).eventFilterLines()).as(accepted[0]).isEqualTo(1);
        }
        for (String[] refused : new String[][]{{"eventfilter(action(include)", ""}, {"eventfilter(action(inlude)", ""},
                {"eventfilter(nnnn(yyy)", "XXX"}, {"eventfilter(method(yyy))", "XXX"}, {"eventfilter", ""},
                {"eventfilter", "!"}, {"eventfilter()", "XXX"}, {"eventfilter(name(Hangup))", "XXX"}}) {
            assertThatThrownBy(() -> login(refused[0] + " = " + refused[1])).as(refused[0])
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void include_lines_let_through_what_one_matches_and_exclude_lines_then_take_away() {
        AmiEventFilter filter = login("""
                eventfilter(action(include),name(VarSet),header(Variable),method(regex)) = ^_{0,2}CC_ACCOUNT$
                eventfilter(action(include),name(Hangup)) =
                eventfilter(action(exclude),header(Channel),method(starts_with)) = Local/
                """);

        assertThat(filter.sends(event("VarSet", "Channel", "PJSIP/alice-1", "Variable", "__CC_ACCOUNT"))).isTrue();
        assertThat(filter.sends(event("VarSet", "Channel", "PJSIP/alice-1", "Variable", "CC_ACCOUNTS"))).isFalse();
        assertThat(filter.sends(event("VarSet", "Channel", "PJSIP/alice-1", "Variable", "READSTATUS"))).isFalse();
        assertThat(filter.sends(event("Hangup", "Channel", "PJSIP/alice-1"))).isTrue();
        assertThat(filter.sends(event("Hangup", "Channel", "Local/1001@agents-1;1"))).isFalse();
        assertThat(filter.sends(event("Newexten", "Channel", "PJSIP/alice-1"))).isFalse();
        assertThat(filter.sends(AmiMessage.of("Event", "Hangup", "Privilege", "system,all", "Channel", "PJSIP/a")))
                .as("a class the login may not read").isFalse();
    }

    @Test
    void the_shipped_filter_more_than_halves_the_events_a_call_costs() throws IOException {
        List<PerCall> figures = new ArrayList<>();
        for (String name : Recordings.names()) {
            figures.add(perCall(name));
        }
        figures.forEach(f -> System.out.println("AMI events per call: " + f));

        for (PerCall f : figures) {
            assertThat(f.filtered()).as(f.recording()).isPositive();
            assertThat(f.filteredPerCall()).as(f.toString()).isLessThan(f.forClassesPerCall() / 2);
        }
        PerCall mixed = figures.stream().filter(f -> f.recording().equals("mixed-60")).findFirst().orElseThrow();
        assertThat(documented(mixed)).as("the figures manager.conf quotes are mixed-60's, rounded").isTrue();
    }

    static PerCall perCall(String name) throws IOException {
        Recording recording = Recording.read(Recordings.file(name));
        AmiEventFilter shipped = Recordings.shippedEventFilter();
        int calls = QueueLog.read(Recordings.directory().resolve(name + ".queue_log")).legsByCall().size();
        List<AmiMessage> events = recording.stream().stream().map(Recording.Timed::message)
                .filter(AmiMessage::isEvent).toList();
        return new PerCall(name, calls, events.size(),
                (int) events.stream().filter(shipped.withoutEventFilters()::sends).count(),
                (int) events.stream().filter(shipped::sends).count());
    }

    /** manager.conf says "N events per call as recorded, N for this login's classes, N with these filters". */
    private static boolean documented(PerCall mixed) throws IOException {
        String text = Files.readString(MANAGER_CONF).replaceAll("\\s*;\\s*", " ");
        Matcher m = Pattern.compile("(\\d+) events per call as recorded, (\\d+) for this login's classes, (\\d+) with these filters")
                .matcher(text);
        return m.find() && Long.parseLong(m.group(1)) == Math.round(mixed.recordedPerCall())
                && Long.parseLong(m.group(2)) == Math.round(mixed.forClassesPerCall())
                && Long.parseLong(m.group(3)) == Math.round(mixed.filteredPerCall());
    }

    private static AmiEventFilter login(String eventFilters) {
        try {
            Path file = Files.createTempFile("manager", ".conf");
            try {
                Files.writeString(file, "[test]\nread = call,agent,user,dialplan\n" + eventFilters + "\n");
                return AmiEventFilter.of(AsteriskConf.read(file).objects().get("test"));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AmiMessage event(String name, String... keysAndValues) {
        String[] all = new String[keysAndValues.length + 4];
        all[0] = "Event";
        all[1] = name;
        all[2] = "Privilege";
        all[3] = name.equals("VarSet") ? "dialplan,all" : "call,all";
        System.arraycopy(keysAndValues, 0, all, 4, keysAndValues.length);
        return AmiMessage.of(all);
    }
}
