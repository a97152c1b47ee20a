package dev.switchboard.telephony.queuelog;

/** The SQL of the queue_log readers' positions (one row per server, by primary key). */
final class QueueLogPositionsSql {

    static final String LOAD = """
            SELECT server, path, file_key, first_line_sha256, resume_offset, checked_offset, last_line_at, updated_at
              FROM queue_log_readers WHERE server = #{server}
            """;

    static final String SAVE = """
            INSERT INTO queue_log_readers
                   (server, path, file_key, first_line_sha256, resume_offset, checked_offset, last_line_at, updated_at)
            VALUES (#{server}, #{path}, #{fileKey}, #{firstLineSha256}, #{resumeOffset}, #{checkedOffset}, #{lastLineAt}, #{updatedAt})
            ON DUPLICATE KEY UPDATE path = VALUES(path), file_key = VALUES(file_key),
                   first_line_sha256 = VALUES(first_line_sha256), resume_offset = VALUES(resume_offset),
                   checked_offset = VALUES(checked_offset), last_line_at = VALUES(last_line_at),
                   updated_at = VALUES(updated_at)
            """;

    static final String FORGET = "DELETE FROM queue_log_readers WHERE server = #{server}";

    private QueueLogPositionsSql() {
    }
}
