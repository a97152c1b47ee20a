package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Asterisk's side of one FastAGI call over TCP: sends the agi_ environment, answers every
 * command ("SET VARIABLE" succeeds; "GET VARIABLE" from {@code channelVariables}), and collects
 * the variables the script set, until it hangs up.
 */
public final class AgiCall {

    private static final Pattern SET = Pattern.compile("SET VARIABLE \"?([^\" ]+)\"? \"(.*)\"");
    private static final Pattern GET = Pattern.compile("GET VARIABLE \"?([^\" ]+)\"?");

    private AgiCall() {
    }

    public static Map<String, String> run(int port, String script, String callerId, List<String> arguments,
                                          Map<String, String> channelVariables) throws IOException {
        return talk(port, script, callerId, arguments, channelVariables, false).set();
    }

    /** What the script did: the variables it set, and every command it sent. */
    public record Conversation(Map<String, String> set, List<String> commands) {
    }

    /**
     * The caller hangs up while the script runs: its first command is answered with Asterisk's
     * {@code HANGUP} notice and the connection is closed. The commands the script sent.
     */
    public static List<String> hangUpMidScript(int port, String script, List<String> arguments) throws IOException {
        return talk(port, script, "+14155550101", arguments, Map.of(), true).commands();
    }

    private static Conversation talk(int port, String script, String callerId, List<String> arguments,
                                     Map<String, String> channelVariables, boolean hangUp) throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> commands = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(request(port, script, callerId, arguments));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (hangUp) {
                    out.write("HANGUP\n");
                    out.flush();
                    break;
                }
                Matcher setting = SET.matcher(line);
                Matcher getting = GET.matcher(line);
                if (setting.matches()) {
                    set.put(setting.group(1), setting.group(2));
                    out.write("200 result=1\n");
                } else if (getting.matches()) {
                    String value = channelVariables.get(getting.group(1));
                    out.write(value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n");
                } else {
                    out.write("200 result=0\n");
                }
                out.flush();
            }
        }
        return new Conversation(set, commands);
    }

    /** The agi_ environment Asterisk sends to start a call of {@code script}, up to its closing empty line. */
    public static String request(int port, String script, String callerId, List<String> arguments) {
        StringBuilder env = new StringBuilder()
                .append("agi_network: yes\n")
                .append("agi_network_script: ").append(script).append('\n')
                .append("agi_request: agi://127.0.0.1:").append(port).append('/').append(script).append('\n')
                .append("agi_channel: PJSIP/trunk-00000001\n")
                .append("agi_language: en\n")
                .append("agi_type: PJSIP\n")
                .append("agi_uniqueid: 1795346056.0\n")
                .append("agi_version: 22.0.0\n")
                .append("agi_callerid: ").append(callerId).append('\n')
                .append("agi_calleridname: unknown\n")
                .append("agi_context: ivr\n")
                .append("agi_extension: s\n")
                .append("agi_priority: 1\n")
                .append("agi_enhanced: 0.0\n")
                .append("agi_accountcode: \n")
                .append("agi_threadid: 1\n");
        for (int i = 0; i < arguments.size(); i++) {
            env.append("agi_arg_").append(i + 1).append(": ").append(arguments.get(i)).append('\n');
        }
        return env.append('\n').toString();
    }
}
