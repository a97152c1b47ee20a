package dev.switchboard.cli;

import dev.switchboard.bench.Benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code bench}: the benchmark, with its report under target/bench. */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure ingestion, pop and wallboard latency, scale, memory, a long load run and booking; write a report";
    }

    @Override
    public String help() {
        return """
                Usage: java -jar switchboard.jar bench [--quick] [--parts ingest,latency,scale,memory,load,booking]
                       [--calls N] [--agents N] [--accounts N] [--rates 10,50,100,200] [--seconds S]
                       [--load-agents N] [--load-rate R] [--load-seconds S] [--buffer-pool-mb M] [--out DIR]

                Runs the whole service in this process on a fresh embedded MariaDB (under DIR/data, deleted
                afterwards) against the simulated Asterisk, and writes DIR/report.md and DIR/report.json.
                Speed is reported; correctness (no dropped events, every call stored as made, every ring popped
                at its agent only, no errors, exactly one booking per slot) is checked: exit code 1 when a check
                fails.

                  --quick            small sizes, to check that every part works (about a minute)
                  --parts LIST       which parts (default all)
                  --calls N          calls in the ingestion stream (default 20000)
                  --agents N         agents connected by WebSocket in the latency part (default 1000)
                  --accounts N       accounts callers come from in the latency part (default 10000)
                  --rates LIST       calls per second for the latency part (default 10,50,100,200)
                  --seconds S        seconds measured at each rate (default 20)
                  --load-agents N    agents on WebSockets in the load part (default 500)
                  --load-rate R      calls per second in the load part (default 50)
                  --load-seconds S   length of the load part (default 1800)
                  --buffer-pool-mb M the embedded database's buffer pool (default 4096; --quick: 128)
                  --out DIR          where the report goes (default target/bench)

                The scale part repeats the pop test at 100 calls/s with 10,000 and 1,000,000 accounts (the
                latter writes about 12 million rows first); the memory part measures heap after GC and RSS
                with the agents on calls and 500 callers waiting; the load part runs a steady call centre for
                30 minutes, checks every call and ring, counts errors and samples the heap every minute.
                The whole benchmark takes about 50 minutes; --parts load alone about 32.
                """;
    }

    @Override
    public int run(List<String> args) throws Exception {
        Arguments a = Arguments.parse(args, Set.of("--parts", "--calls", "--agents", "--accounts", "--rates",
                "--seconds", "--load-agents", "--load-rate", "--load-seconds", "--buffer-pool-mb", "--out"),
                Set.of("--quick"));
        Path out = Path.of(a.value("--out").orElse("target/bench"));
        Benchmark.Options base = a.flag("--quick") ? Benchmark.Options.quick(out) : Benchmark.Options.full(out);
        Set<String> parts = a.value("--parts").map(BenchCommand::parts).orElse(base.parts());
        List<Double> rates = a.value("--rates").map(BenchCommand::rates).orElse(base.rates());
        Benchmark.Options options = new Benchmark.Options(parts, a.intValue("--calls", base.calls(), 100, 10_000_000),
                a.intValue("--agents", base.agents(), 1, 10_000), a.intValue("--accounts", base.accounts(), 100, 10_000_000),
                rates, base.warmUpSeconds(), a.intValue("--seconds", base.measureSeconds(), 1, 3600),
                base.scaleAccounts(), base.scaleWarmUpSeconds(), base.waitingCallers(),
                a.intValue("--load-agents", base.loadAgents(), 1, 10_000),
                a.value("--load-rate").map(BenchCommand::rate).orElse(base.loadCallsPerSecond()),
                a.intValue("--load-seconds", base.loadSeconds(), 10, 24 * 3600),
                a.intValue("--buffer-pool-mb", base.bufferPoolMb(), 16, 65_536), out);
        return Benchmark.run(options) ? 0 : 1;
    }

    private static Set<String> parts(String text) {
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(text.split(",")));
        if (!Benchmark.PARTS.containsAll(parts)) {
            throw new UsageException("--parts takes " + String.join(",", Benchmark.PARTS.stream().sorted().toList()));
        }
        return parts;
    }

    private static List<Double> rates(String text) {
        try {
            return Arrays.stream(text.split(",")).map(BenchCommand::callsPerSecond).toList();
        } catch (NumberFormatException e) {
            throw new UsageException("--rates takes calls per second, e.g. 10,50,100,200");
        }
    }

    private static double rate(String text) {
        try {
            return callsPerSecond(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--load-rate takes calls per second, e.g. 50");
        }
    }

    private static double callsPerSecond(String text) {
        double rate = Double.parseDouble(text);
        if (!(rate > 0) || rate > 1000) {
            throw new NumberFormatException();
        }
        return rate;
    }
}
