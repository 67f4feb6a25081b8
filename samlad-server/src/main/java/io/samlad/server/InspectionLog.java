package io.samlad.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inspection log: one row per inspection and one per bank event (swap, threshold change), in any JDBC database.
 * The default is an embedded SQLite file; the SQL is plain enough for PostgreSQL ({@code jdbc:postgresql://...}
 * with its driver on the class path).
 *
 * <p>The schema is versioned in table {@code samlad_schema}; {@link #MIGRATIONS} are applied in order on open, each in
 * its own transaction, so a database written by an older server is upgraded in place and a newer one is refused.
 * Writes are synchronous on their own connection (an answer waits for its own row, never for another query);
 * reads use a second connection.
 */
public final class InspectionLog implements AutoCloseable {
    /** Schema migrations; index i takes the schema from version i to i + 1. Never edit one, append. */
    static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE inspections (
                      id BIGINT PRIMARY KEY,
                      created_at VARCHAR(40) NOT NULL,
                      created_ms BIGINT NOT NULL,
                      bank VARCHAR(64) NOT NULL,
                      bank_sha256 VARCHAR(64) NOT NULL,
                      image_sha256 VARCHAR(64) NOT NULL,
                      image_bytes BIGINT NOT NULL,
                      width INTEGER NOT NULL,
                      height INTEGER NOT NULL,
                      score DOUBLE PRECISION NOT NULL,
                      logical_score DOUBLE PRECISION NOT NULL,
                      structural_score DOUBLE PRECISION NOT NULL,
                      label VARCHAR(16) NOT NULL,
                      threshold DOUBLE PRECISION NOT NULL,
                      objects INTEGER NOT NULL,
                      missing INTEGER NOT NULL,
                      extra INTEGER NOT NULL,
                      mismatched INTEGER NOT NULL,
                      structural INTEGER NOT NULL,
                      total_ms DOUBLE PRECISION NOT NULL,
                      client VARCHAR(100) NOT NULL,
                      record TEXT NOT NULL
                    )""",
                    "CREATE INDEX inspections_bank_time ON inspections (bank, created_ms)"),
            List.of("""
                    CREATE TABLE bank_events (
                      at VARCHAR(40) NOT NULL,
                      at_ms BIGINT NOT NULL,
                      bank VARCHAR(64) NOT NULL,
                      event VARCHAR(32) NOT NULL,
                      detail TEXT NOT NULL,
                      client VARCHAR(100) NOT NULL
                    )"""));

    /** One inspection as stored; {@code record} is the JSON answer the client received. */
    public record Row(long id, String createdAt, long createdMs, String bank, String bankSha256, String imageSha256,
            long imageBytes, int width, int height, double score, double logicalScore, double structuralScore,
            String label, double threshold, int objects, int missing, int extra, int mismatched, int structural,
            double totalMs, String client, String record) {
    }

    /** A bank event as stored. */
    public record BankEvent(String at, long atMs, String bank, String event, String detail, String client) {
    }

    /** Filters for {@link #query}; null fields do not filter. */
    public record Query(String bank, String label, Long sinceMs, int limit) {
    }

    private final String url;
    private final Connection writer;
    private final Connection reader;
    private final AtomicLong nextId;

    private InspectionLog(String url, Connection writer, Connection reader, long nextId) {
        this.url = url;
        this.writer = writer;
        this.reader = reader;
        this.nextId = new AtomicLong(nextId);
    }

    /**
     * Opens (creating or migrating) the log at a JDBC URL.
     *
     * @throws SQLException when the database cannot be opened or is of a newer schema than this server knows
     */
    public static InspectionLog open(String url) throws SQLException {
        Connection writer = DriverManager.getConnection(url);
        Connection reader = null;
        try {
            if (isSqlite(url)) {
                try (Statement s = writer.createStatement()) {
                    // WAL: readers never block the writer; NORMAL: durable at checkpoints, no fsync per row.
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
            }
            migrate(writer, url);
            reader = DriverManager.getConnection(url);
            if (isSqlite(url)) {
                try (Statement s = reader.createStatement()) {
                    s.execute("PRAGMA busy_timeout=5000");
                }
            }
            long next = 1;
            try (Statement s = writer.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(id) FROM inspections")) {
                if (rs.next()) {
                    next = rs.getLong(1) + 1;
                }
            }
            return new InspectionLog(url, writer, reader, next);
        } catch (SQLException | RuntimeException e) {
            writer.close();
            if (reader != null) {
                reader.close();
            }
            throw e;
        }
    }

    static boolean isSqlite(String url) {
        return url.startsWith("jdbc:sqlite:");
    }

    /** The schema version of the open database. */
    public int schemaVersion() throws SQLException {
        synchronized (writer) {
            return readVersion(writer);
        }
    }

    private static int readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS samlad_schema (version INTEGER NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM samlad_schema")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void migrate(Connection c, String url) throws SQLException {
        int version = readVersion(c);
        if (version > MIGRATIONS.size()) {
            throw new SQLException(url + ": inspection log has schema version " + version
                    + ", newer than this server's " + MIGRATIONS.size());
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = version; v < MIGRATIONS.size(); v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO samlad_schema (version) VALUES (" + (v + 1) + ")");
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** A fresh inspection id (ids increase with time). */
    public long nextId() {
        return nextId.getAndIncrement();
    }

    public void insert(Row r) throws SQLException {
        synchronized (writer) {
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO inspections (id, created_at, created_ms,"
                    + " bank, bank_sha256, image_sha256, image_bytes, width, height, score, logical_score,"
                    + " structural_score, label, threshold, objects, missing, extra, mismatched, structural, total_ms,"
                    + " client, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setLong(i++, r.id());
                ps.setString(i++, r.createdAt());
                ps.setLong(i++, r.createdMs());
                ps.setString(i++, r.bank());
                ps.setString(i++, r.bankSha256());
                ps.setString(i++, r.imageSha256());
                ps.setLong(i++, r.imageBytes());
                ps.setInt(i++, r.width());
                ps.setInt(i++, r.height());
                ps.setDouble(i++, r.score());
                ps.setDouble(i++, r.logicalScore());
                ps.setDouble(i++, r.structuralScore());
                ps.setString(i++, r.label());
                ps.setDouble(i++, r.threshold());
                ps.setInt(i++, r.objects());
                ps.setInt(i++, r.missing());
                ps.setInt(i++, r.extra());
                ps.setInt(i++, r.mismatched());
                ps.setInt(i++, r.structural());
                ps.setDouble(i++, r.totalMs());
                ps.setString(i++, r.client());
                ps.setString(i, r.record());
                ps.executeUpdate();
            }
        }
    }

    public void insertEvent(BankEvent e) throws SQLException {
        synchronized (writer) {
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO bank_events (at, at_ms, bank, event, detail, client) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, e.at());
                ps.setLong(2, e.atMs());
                ps.setString(3, e.bank());
                ps.setString(4, e.event());
                ps.setString(5, e.detail());
                ps.setString(6, e.client());
                ps.executeUpdate();
            }
        }
    }

    /** Inspections matching {@code q}, newest first. */
    public List<Row> query(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM inspections WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.bank() != null) {
            sql.append(" AND bank = ?");
            args.add(q.bank());
        }
        if (q.label() != null) {
            sql.append(" AND label = ?");
            args.add(q.label());
        }
        if (q.sinceMs() != null) {
            sql.append(" AND created_ms >= ?");
            args.add(q.sinceMs());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(0, q.limit()));
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Row> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                    return rows;
                }
            }
        }
    }

    public Optional<Row> find(long id) throws SQLException {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT * FROM inspections WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        }
    }

    /** Bank events of one bank (or all when null), newest first. */
    public List<BankEvent> events(String bank, int limit) throws SQLException {
        String sql = "SELECT * FROM bank_events" + (bank == null ? "" : " WHERE bank = ?")
                + " ORDER BY at_ms DESC LIMIT " + Math.max(0, limit);
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                if (bank != null) {
                    ps.setString(1, bank);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<BankEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new BankEvent(rs.getString("at"), rs.getLong("at_ms"), rs.getString("bank"),
                                rs.getString("event"), rs.getString("detail"), rs.getString("client")));
                    }
                    return out;
                }
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("created_at"), rs.getLong("created_ms"), rs.getString("bank"),
                rs.getString("bank_sha256"), rs.getString("image_sha256"), rs.getLong("image_bytes"),
                rs.getInt("width"), rs.getInt("height"), rs.getDouble("score"), rs.getDouble("logical_score"),
                rs.getDouble("structural_score"), rs.getString("label"), rs.getDouble("threshold"),
                rs.getInt("objects"), rs.getInt("missing"), rs.getInt("extra"), rs.getInt("mismatched"),
                rs.getInt("structural"), rs.getDouble("total_ms"), rs.getString("client"), rs.getString("record"));
    }

    public String url() {
        return url;
    }

    /** Closes both connections; every row written so far is in the database. */
    @Override
    public void close() throws SQLException {
        synchronized (writer) {
            try (reader) {
                if (isSqlite(url)) {
                    try (Statement s = writer.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }
                writer.close();
            }
        }
    }
}
