package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How each part starts the service it measures: a fresh embedded database in {@code dataDir}
 * (emptied first) whose InnoDB buffer pool holds {@code bufferPoolMb} MiB.
 */
record ServiceSetup(Path dataDir, int bufferPoolMb) {

    /** {@code amiPort} 0: no Asterisk (and no DEMO traffic). */
    BenchRig start(int amiPort) throws IOException {
        return new BenchRig(dataDir, amiPort, bufferPoolMb);
    }

    /** A file beside the report, e.g. a profile. */
    Path besideReport(String fileName) {
        return dataDir.resolveSibling(fileName);
    }
}
