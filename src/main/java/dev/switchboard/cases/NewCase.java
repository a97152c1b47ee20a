package dev.switchboard.cases;

/** What opening a case needs: whose, how it came in, what about; the call it came from, if any. */
public record NewCase(String accountNumber, String channel, String category, String priority, String description,
                      String callLinkedid) {
}
