package dev.gatewayreports.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Starts what the services need on a developer machine, writes {@code <state>/env} once all of it is ready, and
 * runs until killed (SIGTERM or Ctrl-C stop it cleanly and remove the env file).
 *
 * <pre>
 * LocalEnvironment [--state deploy/local/.state] [--embedded] [--pg-port 5433] [--smtp-port 3025] [--imap-port 3143]
 *                  [--hook-port 3080]
 * LocalEnvironment --drop-database      (drops gateway_reports on 127.0.0.1:5432; down.sh --purge uses it)
 * </pre>
 *
 * <p>Postgres: the one on 127.0.0.1:5432 when it takes user postgres without a password prompt, else (or with
 * {@code --embedded}) an embedded Postgres 16 on {@code --pg-port} with its data in {@code <state>/pg}. Mail: a
 * GreenMail SMTP sink whose messages all go to the IMAP user demo/demo. Webhooks: a receiver on {@code --hook-port}
 * that answers 204 and logs each call to {@code <state>/webhooks.log}, its body to {@code <state>/webhooks/}
 * ({@link LocalWebhooks}).
 */
public final class LocalEnvironment {

    private static final String USAGE = "usage: LocalEnvironment [--state <dir>] [--embedded] [--pg-port 5433]"
            + " [--smtp-port 3025] [--imap-port 3143] [--hook-port 3080]\n       LocalEnvironment --drop-database";

    private LocalEnvironment() {}

    public static void main(String[] args) throws Exception {
        CliArgs cli;
        try {
            cli = CliArgs.parse(args, Set.of("embedded", "drop-database"));
        } catch (CliArgs.UsageException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (cli.flag("drop-database")) {
            LocalPostgres.dropFromExisting();
            System.out.println("Dropped database " + LocalPostgres.DATABASE + " on 127.0.0.1:5432");
            return;
        }
        Path state = Path.of(cli.value("state", "deploy/local/.state")).toAbsolutePath();
        Files.createDirectories(state);
        Path envFile = state.resolve("env");
        Files.deleteIfExists(envFile);

        LocalPostgres postgres =
                LocalPostgres.start(state.resolve("pg"), (int) cli.number("pg-port", 5433), cli.flag("embedded"));
        LocalMail mail;
        try {
            mail = LocalMail.start((int) cli.number("smtp-port", 3025), (int) cli.number("imap-port", 3143));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        LocalWebhooks hooks;
        try {
            hooks = LocalWebhooks.start((int) cli.number("hook-port", 3080), state);
        } catch (IOException | RuntimeException e) {
            mail.close();
            postgres.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, mail, hooks, envFile, stopped)));

        writeAtomically(envFile, envFile(postgres, mail, hooks));
        // Outlives a stop (unlike env), so that `down.sh --purge` after a plain `down.sh` still knows whether the
        // database gateway_reports lives on the shared server and must be dropped there.
        writeAtomically(state.resolve("db-mode"), (postgres.isEmbedded() ? "embedded" : "existing") + "\n");
        System.out.printf(
                "Ready: %s (%s), SMTP %s:%d, IMAP %s:%d (user %s/%s). Wrote %s%n",
                postgres.jdbcUrl(),
                postgres.isEmbedded() ? "embedded" : "existing server",
                LocalMail.HOST,
                mail.smtpPort(),
                LocalMail.HOST,
                mail.imapPort(),
                LocalMail.USER,
                LocalMail.PASSWORD,
                envFile);
        stopped.await();
    }

    static String envFile(LocalPostgres postgres, LocalMail mail, LocalWebhooks hooks) {
        return String.join(
                "\n",
                "# Written by LocalEnvironment; removed when it stops.",
                "GR_DB_MODE=" + (postgres.isEmbedded() ? "embedded" : "existing"),
                "GR_DB_CREATED=" + (postgres.createdDatabase() ? 1 : 0),
                "GR_JDBC_URL=" + postgres.jdbcUrl(),
                "GR_DB_USER=" + LocalPostgres.USER,
                "GR_DB_PASSWORD=" + LocalPostgres.PASSWORD,
                "GR_SMTP_HOST=" + LocalMail.HOST,
                "GR_SMTP_PORT=" + mail.smtpPort(),
                "GR_IMAP_HOST=" + LocalMail.HOST,
                "GR_IMAP_PORT=" + mail.imapPort(),
                "GR_MAIL_USER=" + LocalMail.USER,
                "GR_MAIL_PASSWORD=" + LocalMail.PASSWORD,
                "GR_HOOK_URL=http://" + LocalWebhooks.HOST + ":" + hooks.port(),
                "");
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void stop(
            LocalPostgres postgres, LocalMail mail, LocalWebhooks hooks, Path envFile, CountDownLatch stopped) {
        try {
            Files.deleteIfExists(envFile);
            hooks.close();
            mail.close();
            postgres.close();
            System.out.println("Stopped.");
        } catch (IOException | RuntimeException e) {
            System.err.println("While stopping: " + e);
        } finally {
            stopped.countDown();
        }
    }
}
