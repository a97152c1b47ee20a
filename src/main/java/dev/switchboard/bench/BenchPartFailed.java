package dev.switchboard.bench;

/**
 * A benchmark part that cannot give a meaningful figure (its progress stalled, or the AMI link
 * reconnected while it measured): the part fails with this message, and the others still run.
 */
final class BenchPartFailed extends RuntimeException {

    BenchPartFailed(String message) {
        super(message);
    }
}
