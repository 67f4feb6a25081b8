package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's schema is versioned: an older database is migrated in place, a newer one is refused. */
class InspectionLogTest {

    @Test
    void aVersionOneDatabaseIsMigratedKeepingItsRows(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE samlad_schema (version INTEGER NOT NULL)");
            for (String sql : InspectionLog.MIGRATIONS.get(0)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO samlad_schema (version) VALUES (1)");
        }
        try (InspectionLog log = InspectionLog.open(url)) {
            log.insert(row(log.nextId()));
        }
        try (InspectionLog log = InspectionLog.open(url)) {
            assertThat(log.schemaVersion()).isEqualTo(InspectionLog.MIGRATIONS.size());
            log.insertEvent(new InspectionLog.BankEvent("2026-01-01T00:00:00Z", 0, "b", "threshold", "1 -> 2", "me"));
            assertThat(log.events("b", 10)).hasSize(1);
            assertThat(log.find(1)).isPresent();
            assertThat(log.nextId()).as("ids continue after the existing rows").isEqualTo(2);
        }
    }

    @Test
    void aDatabaseFromANewerServerIsRefused(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("new.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE samlad_schema (version INTEGER NOT NULL)");
            s.execute("INSERT INTO samlad_schema (version) VALUES (99)");
        }
        assertThatThrownBy(() -> InspectionLog.open(url)).isInstanceOf(SQLException.class)
                .hasMessageContaining("schema version 99");
    }

    static InspectionLog.Row row(long id) {
        return new InspectionLog.Row(id, "2026-01-01T00:00:00Z", 0, "b", "sha", "img", 10, 2, 2, 1, 1, 0, "normal",
                2, 0, 0, 0, 0, 0, 5, "me", "{}");
    }
}
