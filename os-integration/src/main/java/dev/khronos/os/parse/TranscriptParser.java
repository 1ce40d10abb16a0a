package dev.khronos.os.parse;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunCounters;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunRates;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SizeCheck;
import dev.khronos.os.console.ConsoleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns KhronOS console output into result records: {@code kbench} runs (user stdout block
 * {@code #### B ####} plus the kernel's per-thread counters) and {@code hlbench_*} runs
 * ({@code #### total ####}).
 *
 * <p>How the output is read (format: khronos-reference.md §1.6 and §2.3):
 * <ul>
 *   <li>Line by line after CR/LF normalisation. Patterns are anchored at the end of a line but
 *       not at its start, because the kernel's {@code cprintf} can land in front of a user line;
 *       lines that match nothing (boot messages, thread start/end lines, MV-RLU banners) are
 *       skipped.</li>
 *   <li>The command that started a run comes from the prompt line ({@code $ kbench ...}) or from
 *       the line {@code run_hlbench.sh} echoes; it names the hlbench variant, whose output does
 *       not (MV-RLU, RLU and RCU print the same header), and supplies parameter defaults if the
 *       printed parameter block is damaged. Without a command, banners such as
 *       {@code initializing URCU} identify the variant.</li>
 *   <li>A run that has not printed its totals when the next command starts, when a panic line
 *       appears, or when the text ends, is kept as {@link RunStatus#INCOMPLETE} with a note.</li>
 *   <li>Per-thread add/remove/found counts are summed only if every thread's block was seen and
 *       they add up to the printed update total; otherwise they are left unknown with a warning.</li>
 * </ul>
 *
 * <p>Stateless between calls and thread-safe: each {@link #parse} call uses its own state.
 */
public final class TranscriptParser {

    private static final String NUM = "(-?\\d+)";
    private static final String RATE = "(\\d+) \\((\\d+(?:\\.\\d+)?) / s\\)\\s*$";

    private static final Pattern COMMAND = Pattern.compile("^(?:\\$ )*((?:kbench|hlbench_\\w+)(?:\\s.*)?)$");
    private static final Pattern KBENCH_START = Pattern.compile("kernel l[ae]vel benchmark start\\s*$");
    private static final Pattern HL_OPTIONS = Pattern.compile("^\\s*(\\d+) Option is inserted\\s*$");
    private static final Pattern HL_HEADER = Pattern.compile("#### (mvcc bench|Chaned hash table for spinlock user-level) ####\\s*$");

    private static final Map<String, Pattern> KB_PARAMS = Map.of(
            "threads", Pattern.compile("-t #threads\\s*:\\s*" + NUM + "\\s*$"),
            "initial", Pattern.compile("-i Initial size\\s*:\\s*" + NUM + "\\s*$"),
            "buckets", Pattern.compile("-b Buckets\\s*:\\s*" + NUM + "\\s*$"),
            "duration", Pattern.compile("-d Duration\\s*:\\s*" + NUM + "\\s*$"),
            "update", Pattern.compile("-u Update rate\\s*:\\s*" + NUM + "\\s*$"),
            "sync", Pattern.compile("-s sync type\\s*:\\s*" + NUM + "\\s*$"),
            "range", Pattern.compile("-r Range\\s*:\\s*" + NUM + "\\s*$"));
    private static final Map<String, Pattern> HL_PARAMS = Map.of(
            "threads", Pattern.compile("-Nb threads\\s*:\\s*" + NUM + "\\s*$"),
            "initial", Pattern.compile("-Initial size\\s*:\\s*" + NUM + "\\s*$"),
            "buckets", Pattern.compile("-Buckets\\s*:\\s*" + NUM + "\\s*$"),
            "duration", Pattern.compile("-Duration\\s*:\\s*" + NUM + "\\s*$"),
            "update", Pattern.compile("-Update rate\\s*:\\s*" + NUM + "\\s*$"),
            "range", Pattern.compile("-range\\s*:\\s*" + NUM + "\\s*$"));

    private static final Pattern THREAD = Pattern.compile("^\\s*Thread (\\d+)\\s*$");
    private static final Pattern COUNTER = Pattern.compile("#(add|remove|contains|found)\\s*:\\s*(\\d+)\\s*$");
    private static final Pattern KB_TOTALS = Pattern.compile("#### B ####\\s*$");
    private static final Pattern HL_TOTALS = Pattern.compile("#### total ####\\s*$");
    private static final Pattern SET_SIZE = Pattern.compile("Set size\\s*:\\s*(\\d+) \\(expected: (-?\\d+)\\)\\s*$");
    private static final Pattern DURATION = Pattern.compile("Duration\\s*:\\s*(\\d+) \\(ms\\)\\s*$");
    private static final Pattern OPS = Pattern.compile("#ops\\s*:\\s*" + RATE);
    private static final Pattern READS = Pattern.compile("#read ops\\s*:\\s*" + RATE);
    private static final Pattern UPDATES = Pattern.compile("#update ops\\s*:\\s*" + RATE);
    private static final Pattern ASSERT = Pattern.compile("ASSERT FAILURE\\((-?\\d+)!=(-?\\d+)\\)");
    private static final Pattern KB_END = Pattern.compile("\\*{6,} (.*?)\\s*\\*{6,}\\s*$");
    private static final Pattern HL_END = Pattern.compile("benchlist end\\s*$");

    /** kbench's {@code -s} values (kbench.cc / sysbench.cc); 4 (RLU) is accepted only by the kernel. */
    private static final List<String> KBENCH_SYNCS = List.of("spinlock", "mvrlu", "rcu", "spin-chain", "rlu");

    private final List<String> panicMarkers;

    /**
     * @param panicMarkers texts that mark a kernel panic line
     */
    public TranscriptParser(List<String> panicMarkers) {
        this.panicMarkers = List.copyOf(panicMarkers);
    }

    /** A parser that knows sv6's and Linux's panic lines. */
    public TranscriptParser() {
        this(dev.khronos.os.console.ConsoleOptions.DEFAULT_PANIC_MARKERS);
    }

    /**
     * @param kbenchSync kbench's {@code -s} value
     * @return the sync name used in result records, e.g. {@code spin-chain} for 3
     */
    public static String kbenchSyncName(int kbenchSync) {
        return kbenchSync >= 0 && kbenchSync < KBENCH_SYNCS.size() ? KBENCH_SYNCS.get(kbenchSync) : "sync-" + kbenchSync;
    }

    /**
     * Parses a console transcript.
     *
     * @param text   raw console bytes as ISO-8859-1 text, or already normalised text
     * @param source the source to put in every record
     * @return the runs and warnings
     */
    public ParseResult parse(String text, RunSource source) {
        State st = new State(source);
        List<String> lines = ConsoleText.lines(ConsoleText.normalise(text));
        for (int i = 0; i < lines.size(); i++) {
            st.line(lines.get(i), i + 1);
        }
        st.closeOpen("cut off: the output ends");
        return new ParseResult(st.runs, st.warnings);
    }

    /** Per-call parser state. */
    private final class State {
        final RunSource source;
        final List<BenchmarkRun> runs = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        String lastCommand;
        String lastCommandSyncHint;
        /** Banner seen since the last command, e.g. RLU's init line printed before the header. */
        String bannerHint;
        Run open;

        State(RunSource source) {
            this.source = source;
        }

        void line(String line, int no) {
            Matcher m;
            boolean promptLine = line.startsWith("$ ");
            if ((m = COMMAND.matcher(line)).find() || promptLine) {
                // A new prompt, or the command line run_hlbench.sh echoes, ends whatever ran before.
                if (open != null) {
                    closeOpen("cut off: the next command started");
                }
                lastCommand = m.find(0) ? m.group(1).strip() : null;
                bannerHint = null;
                return;
            }
            for (String marker : panicMarkers) {
                if (line.contains(marker)) {
                    if (open != null) {
                        closeOpen("cut off: kernel panic: " + line.strip());
                    } else {
                        warnings.add("line " + no + ": kernel panic outside a run: " + line.strip());
                    }
                    return;
                }
            }
            if (line.contains("RLU - FINE_GRAINED initialized")) {
                hint("rlu");
            } else if (line.contains("initializing URCU")) {
                hint("rcu");
            } else if (line.contains("MV-RLU configuration")) {
                hint("mvrlu");
            }
            if (KBENCH_START.matcher(line).find()) {
                start(new Run("kbench", no));
                return;
            }
            if ((m = HL_OPTIONS.matcher(line)).find()) {
                start(new Run("hlbench", no));
                return;
            }
            if ((m = HL_HEADER.matcher(line)).find()) {
                if (open == null || !open.benchmark.equals("hlbench") || open.headerSeen) {
                    start(new Run("hlbench", no));
                }
                open.headerSeen = true;
                if (m.group(1).startsWith("Chaned")) {
                    open.syncHint = "spin";
                }
                return;
            }
            if (open != null) {
                open.line(line, no);
                if (open.finished) {
                    closeOpen(null);
                }
            }
        }

        void hint(String sync) {
            if (open != null && open.benchmark.equals("hlbench")) {
                if (open.syncHint == null) {
                    open.syncHint = sync;
                }
            } else if (open == null) {
                bannerHint = sync;
            }
        }

        void start(Run run) {
            if (open != null) {
                closeOpen("cut off: another run started");
            }
            open = run;
            if (lastCommand != null && lastCommand.startsWith(run.benchmark.equals("kbench") ? "kbench" : "hlbench_")) {
                run.command = lastCommand;
                lastCommand = null;
            }
            if (run.benchmark.equals("hlbench") && bannerHint != null) {
                run.syncHint = bannerHint;
            }
            bannerHint = null;
        }

        void closeOpen(String note) {
            if (open == null) {
                return;
            }
            Run r = open;
            open = null;
            BenchmarkRun built = r.build(note, source, warnings);
            if (built != null) {
                runs.add(built);
            }
        }
    }

    /** One run being read. */
    private static final class Run {
        final String benchmark;
        final int startLine;
        final Map<String, Long> params = new TreeMap<>();
        final Map<Integer, long[]> threads = new TreeMap<>();
        final List<String> notes = new ArrayList<>();
        String command;
        String syncHint;
        String endName;
        boolean headerSeen;
        boolean inTotals;
        boolean finished;
        Integer currentThread;
        Long setSize;
        Long expected;
        Long duration;
        long[] ops;
        long[] reads;
        long[] updates;
        double[] rates = new double[3];

        Run(String benchmark, int startLine) {
            this.benchmark = benchmark;
            this.startLine = startLine;
        }

        void line(String line, int no) {
            Map<String, Pattern> paramPatterns = benchmark.equals("kbench") ? KB_PARAMS : HL_PARAMS;
            Matcher m;
            if (!inTotals) {
                for (Map.Entry<String, Pattern> e : paramPatterns.entrySet()) {
                    if ((m = e.getValue().matcher(line)).find()) {
                        params.put(e.getKey(), Long.parseLong(m.group(1)));
                        return;
                    }
                }
                if ((m = THREAD.matcher(line)).find()) {
                    currentThread = Integer.valueOf(m.group(1));
                    threads.putIfAbsent(currentThread, new long[] {-1, -1, -1, -1});
                    return;
                }
                if ((m = COUNTER.matcher(line)).find() && currentThread != null) {
                    int idx = List.of("add", "remove", "contains", "found").indexOf(m.group(1));
                    threads.get(currentThread)[idx] = Long.parseLong(m.group(2));
                    return;
                }
            }
            if ((benchmark.equals("kbench") ? KB_TOTALS : HL_TOTALS).matcher(line).find()) {
                inTotals = true;
                return;
            }
            if ((m = ASSERT.matcher(line)).find()) {
                long exp = Long.parseLong(m.group(1));
                long act = Long.parseLong(m.group(2));
                if (setSize == null) {
                    expected = exp;
                    setSize = act;
                }
                notes.add("ASSERT FAILURE(" + exp + "!=" + act + ")");
                return;
            }
            if (!inTotals) {
                return;
            }
            if ((m = SET_SIZE.matcher(line)).find()) {
                setSize = Long.parseLong(m.group(1));
                expected = Long.parseLong(m.group(2));
            } else if ((m = DURATION.matcher(line)).find()) {
                duration = Long.parseLong(m.group(1));
            } else if ((m = READS.matcher(line)).find()) {
                reads = new long[] {Long.parseLong(m.group(1))};
                rates[1] = Double.parseDouble(m.group(2));
            } else if ((m = UPDATES.matcher(line)).find()) {
                updates = new long[] {Long.parseLong(m.group(1))};
                rates[2] = Double.parseDouble(m.group(2));
            } else if ((m = OPS.matcher(line)).find()) {
                ops = new long[] {Long.parseLong(m.group(1))};
                rates[0] = Double.parseDouble(m.group(2));
            } else if (benchmark.equals("kbench") && (m = KB_END.matcher(line)).find()) {
                endName = m.group(1).strip();
                finished = true;
            } else if (benchmark.equals("hlbench") && HL_END.matcher(line).find()) {
                finished = true;
            }
        }

        /**
         * @param closeNote {@code null} if the run's end line was read, else why it was closed
         */
        BenchmarkRun build(String closeNote, RunSource source, List<String> warnings) {
            String where = benchmark + " run at line " + startLine;
            CommandArgs args = CommandArgs.parse(command);
            Long threadsP = pick("threads", args);
            Long initialP = pick("initial", args);
            Long bucketsP = pick("buckets", args);
            Long durationP = pick("duration", args);
            Long updateP = pick("update", args);
            Long rangeP = pick("range", args);
            RunParameters p;
            try {
                p = new RunParameters(Math.toIntExact(threadsP), initialP, Math.toIntExact(bucketsP), durationP,
                        Math.toIntExact(updateP), rangeP);
            } catch (RuntimeException e) {
                warnings.add(where + ": skipped, its parameters are unknown or invalid (" + e.getMessage() + ")");
                return null;
            }
            String sync = syncName(args);
            List<String> allNotes = new ArrayList<>(notes);
            boolean totalsComplete = reads != null && updates != null && setSize != null;
            if (closeNote != null) {
                allNotes.add(totalsComplete ? "end line missing (" + closeNote + ")" : closeNote);
            }
            // Complete means: the totals are all there. A missing end line (garbled by the kernel,
            // or the guest died right after the totals) does not make the numbers less valid.
            RunStatus status = RunStatus.COMPLETE;
            RunCounters counters = null;
            RunRates rateRec = null;
            if (reads != null && updates != null) {
                long total = reads[0] + updates[0];
                try {
                    if (ops != null && ops[0] != total) {
                        throw new IllegalArgumentException("#ops " + ops[0] + " != reads + updates " + total);
                    }
                    Long[] split = threadSums(p.threads(), updates[0], reads[0], warnings, where);
                    counters = new RunCounters(total, reads[0], updates[0], split[0], split[1], split[2]);
                    double opsRate = ops != null ? rates[0] : rates[1] + rates[2];
                    rateRec = new RunRates(opsRate, rates[1], rates[2]);
                } catch (IllegalArgumentException e) {
                    warnings.add(where + ": inconsistent totals: " + e.getMessage());
                    allNotes.add("inconsistent totals: " + e.getMessage());
                    counters = null;
                    rateRec = null;
                }
            }
            if (counters == null || setSize == null) {
                status = RunStatus.INCOMPLETE;
                if (closeNote == null) {
                    allNotes.add("the totals block is incomplete");
                }
            }
            if (status == RunStatus.INCOMPLETE) {
                warnings.add(where + ": incomplete: " + String.join("; ", allNotes));
            }
            if (duration != null && duration.longValue() != p.durationMs()) {
                warnings.add(where + ": printed duration " + duration + " ms differs from the parameter " + p.durationMs());
            }
            SizeCheck size = setSize == null ? null : new SizeCheck(setSize, expected);
            String note = allNotes.isEmpty() ? null : String.join("; ", allNotes);
            return new BenchmarkRun(benchmark, sync, p, counters, rateRec, null, size, source, status, command, note);
        }

        private Long pick(String key, CommandArgs args) {
            Long printed = params.get(key);
            if (printed != null) {
                return printed;
            }
            return args == null ? null : args.value(key);
        }

        private String syncName(CommandArgs args) {
            if (benchmark.equals("kbench")) {
                Long s = params.get("sync");
                if (s == null && args != null) {
                    s = args.value("sync");
                }
                if (s != null) {
                    return kbenchSyncName(Math.toIntExact(s));
                }
                return endName == null ? "unknown" : endName.toLowerCase(Locale.ROOT).replace(' ', '-');
            }
            if (command != null && command.startsWith("hlbench_")) {
                return command.split("\\s+")[0].substring("hlbench_".length());
            }
            return syncHint == null ? "unknown" : syncHint;
        }

        /** Returns {adds, removes, founds}, or nulls if the per-thread blocks are incomplete. */
        private Long[] threadSums(int nThreads, long updateTotal, long readTotal, List<String> warnings, String where) {
            if (threads.isEmpty()) {
                return new Long[3];
            }
            long add = 0;
            long remove = 0;
            long contains = 0;
            long found = 0;
            int complete = 0;
            for (long[] t : threads.values()) {
                if (t[0] >= 0 && t[1] >= 0 && t[2] >= 0 && t[3] >= 0) {
                    complete++;
                    add += t[0];
                    remove += t[1];
                    contains += t[2];
                    found += t[3];
                }
            }
            if (complete != nThreads || threads.size() != nThreads) {
                warnings.add(where + ": per-thread counters for " + complete + " of " + nThreads
                        + " threads; add/remove/found left unknown");
                return new Long[3];
            }
            if (add + remove != updateTotal || contains != readTotal) {
                warnings.add(where + ": per-thread counters do not add up to the totals; add/remove/found left unknown");
                return new Long[3];
            }
            return new Long[] {add, remove, found};
        }
    }

    /** Parameters given on a kbench/hlbench command line, with the programs' defaults. */
    private record CommandArgs(Map<String, Long> values) {
        Long value(String key) {
            return values.get(key);
        }

        static CommandArgs parse(String command) {
            if (command == null) {
                return null;
            }
            String[] words = command.strip().split("\\s+");
            Map<String, Long> v = new TreeMap<>();
            try {
                if (words[0].equals("kbench")) {
                    // kbench.cc defaults (§1.2)
                    v.putAll(Map.of("threads", 4L, "initial", 32L, "buckets", 2L, "duration", 1500L,
                            "update", 200L, "sync", 0L, "range", 64L));
                    Map<String, String> flags = Map.of("-t", "threads", "-i", "initial", "-b", "buckets",
                            "-d", "duration", "-u", "update", "-s", "sync", "-r", "range");
                    for (int i = 1; i + 1 < words.length; i++) {
                        String k = flags.get(words[i]);
                        if (k != null) {
                            v.put(k, Long.parseLong(words[++i]));
                        }
                    }
                } else {
                    // hlbench_* positional defaults (§2.1)
                    List<String> keys = List.of("threads", "initial", "buckets", "duration", "update", "range");
                    long[] defaults = {1, 32, 1, 1000, 200, 64};
                    for (int i = 0; i < keys.size(); i++) {
                        v.put(keys.get(i), i + 1 < words.length ? Long.parseLong(words[i + 1]) : defaults[i]);
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return new CommandArgs(v);
        }
    }
}
