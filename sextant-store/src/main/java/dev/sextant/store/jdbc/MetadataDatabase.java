package dev.sextant.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.version.DatasetStore;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.lineage.LineageStore;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.store.metriclog.MetricLog;
import dev.sextant.tracking.TrackingStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The relational metadata store: opens a pooled connection to H2 (embedded) or PostgreSQL,
 * migrates the schema with Flyway and hands out the stores built on it. Close it to release
 * the pool (and, for embedded H2, the database file).
 */
public final class MetadataDatabase implements AutoCloseable {
    private static final int POOL_SIZE = 16;

    private final HikariDataSource dataSource;
    private final Optional<Connection> keepAlive;
    private final Optional<MetricLog> metricLog;
    private final Optional<MetricApplier> applier;
    private final TrackingStore trackingStore;
    private final SecurityStores security;
    private final ReleaseStores release;
    private final RegistryStore registryStore;
    private final LineageStore lineageStore;
    private final DeploymentStore deploymentStore;
    private final DatasetStore datasetStore;

    private MetadataDatabase(HikariDataSource dataSource, Optional<Connection> keepAlive, Optional<MetricLog> metricLog,
                             Transactor tx) {
        this.dataSource = dataSource;
        this.keepAlive = keepAlive;
        this.metricLog = metricLog;
        JdbcTrackingStore store = new JdbcTrackingStore(tx);
        this.applier = metricLog.map(log -> MetricApplier.start(log, new MetricFolder(tx)));
        this.trackingStore = applier.<TrackingStore>map(a -> new MetricLogTrackingStore(store, a)).orElse(store);
        this.security = new SecurityStores(new JdbcTokenStore(tx), new JdbcGrantStore(tx), new JdbcAuditLog(tx),
                new JdbcPackageSignatureStore(tx));
        this.release = ReleaseStores.on(tx);
        this.registryStore = new JdbcRegistryStore(tx);
        this.lineageStore = new JdbcLineageStore(tx);
        this.deploymentStore = new JdbcDeploymentStore(tx);
        this.datasetStore = new JdbcDatasetStore(tx);
    }

    /**
     * Connects, migrates the schema to the latest version and returns the database. Every write
     * is durable when the store returns, so it survives a killed process: on H2 the store writes
     * committed changes to the file before returning (see {@link Dialect#afterWrite}), except
     * metric points of an H2 file database, which are durable once in the metric log next to the
     * database file (see {@link MetricApplier}); opening replays what the log holds beyond the
     * database. The H2 user must be an admin (the user that created the database is).
     */
    public static MetadataDatabase open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, metricLogDirectory(jdbcUrl));
    }

    /**
     * Like {@link #open(String, String, String)} with the metric log in {@code metricLogDir}, or
     * none; lets the log's crash recovery be tested on every database.
     */
    static MetadataDatabase open(String jdbcUrl, String user, String password, Optional<Path> metricLogDir) {
        Dialect dialect = Dialect.of(jdbcUrl);
        Optional<Connection> keepAlive = dialect == Dialect.H2 ? Optional.of(connect(jdbcUrl, user, password))
                : Optional.empty();
        HikariDataSource dataSource = null;
        Optional<MetricLog> metricLog = Optional.empty();
        try {
            dataSource = pool(jdbcUrl, user, password, dialect);
            Jdbi jdbi = Jdbi.create(dataSource);
            // Statements are built with bound parameters only; no <name> templating.
            jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
            requireDurableWrites(jdbi, dialect, jdbcUrl, user);
            jdbi.useHandle(dialect::tune);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            Transactor tx = new Transactor(jdbi, dialect);
            metricLog = metricLogDir.map(dir -> MetricLog.open(dir, new MetricFolder(tx).appliedOffset()));
            return new MetadataDatabase(dataSource, keepAlive, metricLog, tx);
        } catch (RuntimeException e) {
            metricLog.ifPresent(MetricLog::close);
            if (dataSource != null) {
                dataSource.close();
            }
            keepAlive.ifPresent(MetadataDatabase::closeQuietly);
            throw e instanceof SextantException s ? s
                    : new SextantException(ErrorCode.INTERNAL_ERROR, "Could not open the metadata database at "
                    + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The default embedded database: an H2 file {@code <dataDir>/metadata/sextant}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("metadata").resolve("sextant");
    }

    public TrackingStore trackingStore() {
        return trackingStore;
    }

    /** Tokens, grants and the audit log. */
    public SecurityStores security() {
        return security;
    }

    /** Evaluations, release policies, gate verdicts, approvals, promotions and webhooks. */
    public ReleaseStores release() {
        return release;
    }

    public RegistryStore registryStore() {
        return registryStore;
    }

    public LineageStore lineageStore() {
        return lineageStore;
    }

    public DeploymentStore deploymentStore() {
        return deploymentStore;
    }

    public DatasetStore datasetStore() {
        return datasetStore;
    }

    /**
     * Where an H2 file database keeps its metric log: {@code <database file>.metric-log} beside
     * it. Other databases (in-memory, remote H2, PostgreSQL) take metric points directly: a log
     * on this machine would not be seen by other servers sharing the database.
     */
    static Optional<Path> metricLogDirectory(String jdbcUrl) {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(prefix.length());
        int options = file.indexOf(';');
        file = options < 0 ? file : file.substring(0, options);
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.of(Path.of(file + ".metric-log").toAbsolutePath().normalize());
    }

    @Override
    public void close() {
        // Applies what is still queued, makes it durable and empties the metric log.
        applier.ifPresent(MetricApplier::close);
        metricLog.ifPresent(MetricLog::close);
        dataSource.close();
        // Closing the last connection closes an embedded H2 database (and drops an in-memory one).
        keepAlive.ifPresent(MetadataDatabase::closeQuietly);
    }

    private static void requireDurableWrites(Jdbi jdbi, Dialect dialect, String url, String user) {
        try {
            jdbi.useHandle(dialect::afterWrite);
        } catch (RuntimeException e) {
            throw SextantException.invalid("The metadata database at " + url + " cannot make writes durable for user '"
                    + user + "': " + e.getMessage() + ". On H2 the user must be an admin.");
        }
    }

    private static HikariDataSource pool(String url, String user, String password, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("sextant-metadata");
        if (dialect == Dialect.POSTGRESQL) {
            // Lets the driver send a JDBC batch as multi-row INSERTs: far fewer round trips.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    // Keeps an embedded H2 database open while the pool recycles its connections.
    private static Connection connect(String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SextantException(ErrorCode.INTERNAL_ERROR,
                    "Could not open the metadata database at " + url + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing on shutdown: nothing left to do with the failure.
        }
    }
}
