package dev.switchboard;

import dev.switchboard.accounts.AccountDirectory;
import dev.switchboard.accounts.AccountRequests;
import dev.switchboard.accounts.AccountSearch;
import dev.switchboard.accounts.AccountStore;
import dev.switchboard.accounts.AccountsRoutes;
import dev.switchboard.accounts.PostcodeRegions;
import dev.switchboard.audit.AdminAudit;
import dev.switchboard.audit.AuditRoutes;
import dev.switchboard.callbacks.Callbacks;
import dev.switchboard.callbacks.CallbacksRoutes;
import dev.switchboard.calls.CallsRoutes;
import dev.switchboard.callbacks.CallbackDispatcher;
import dev.switchboard.callbacks.CallbackQueue;
import dev.switchboard.cases.CaseAccess;
import dev.switchboard.cases.CaseChanges;
import dev.switchboard.cases.CaseStore;
import dev.switchboard.cases.CasesRoutes;
import dev.switchboard.cases.HeldCaseOpenings;
import dev.switchboard.cases.SurveyRoutes;
import dev.switchboard.cases.Surveys;
import dev.switchboard.calls.JourneyRecorder;
import dev.switchboard.calls.JourneySpill;
import dev.switchboard.calls.JourneyStore;
import dev.switchboard.calls.JourneyTracker;
import dev.switchboard.calls.QueueLogReconciler;
import dev.switchboard.config.AmiServerConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.Settings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.telephony.queuelog.QueueLogPositions;
import dev.switchboard.ivr.AgiAllowList;
import dev.switchboard.ivr.FastAgiServer;
import dev.switchboard.knowledge.KnowledgeBase;
import dev.switchboard.knowledge.KnowledgeRoutes;
import dev.switchboard.queues.AgentStateRoutes;
import dev.switchboard.queues.AnswerTargets;
import dev.switchboard.queues.LiveQueueBoard;
import dev.switchboard.queues.QueueFiguresService;
import dev.switchboard.queues.QueueFiguresStore;
import dev.switchboard.queues.QueueTargets;
import dev.switchboard.queues.QueueTargetsRoutes;
import dev.switchboard.queues.QueuesRoutes;
import dev.switchboard.queues.QueuesVerticle;
import dev.switchboard.messages.DeliveryEffects;
import dev.switchboard.messages.MessageSender;
import dev.switchboard.messages.MessagesRoutes;
import dev.switchboard.messages.OutgoingMessage;
import dev.switchboard.messages.Outbox;
import dev.switchboard.scheduling.Engineers;
import dev.switchboard.scheduling.EngineersRoutes;
import dev.switchboard.scheduling.SchedulingRoutes;
import dev.switchboard.scheduling.SlotFinder;
import dev.switchboard.scheduling.VisitPlanner;
import dev.switchboard.screenpop.AgentDirectory;
import dev.switchboard.screenpop.AgentPhonesRoutes;
import dev.switchboard.screenpop.PopResolver;
import dev.switchboard.screenpop.ScreenPopRoutes;
import dev.switchboard.screenpop.ScreenPopVerticle;
import dev.switchboard.sim.DemoAsterisk;
import dev.switchboard.telephony.AmiLinkStatus;
import dev.switchboard.telephony.LinkTimings;
import dev.switchboard.telephony.TelephonyVerticle;
import dev.switchboard.web.OpenApiRoutes;
import dev.switchboard.health.HealthDetail;
import dev.switchboard.health.ReadinessCheck;
import dev.switchboard.web.StaticUiRoutes;
import dev.switchboard.web.auth.AdminAccount;
import dev.switchboard.web.auth.AccessPolicy;
import dev.switchboard.web.auth.AuthRoutes;
import dev.switchboard.web.auth.Authentication;
import dev.switchboard.web.auth.LoginThrottle;
import dev.switchboard.web.auth.PasswordHasher;
import dev.switchboard.web.auth.PasswordPolicy;
import dev.switchboard.web.auth.Users;
import dev.switchboard.web.auth.UsersRoutes;
import dev.switchboard.web.auth.WebSocketOrigins;
import dev.switchboard.web.auth.WebSocketTickets;
import dev.switchboard.seed.DemoSeeding;
import dev.switchboard.store.ConnectionSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseReadiness;
import dev.switchboard.store.Migrations;
import dev.switchboard.web.AttemptCounters;
import dev.switchboard.web.HealthRoutes;
import dev.switchboard.web.HttpServerVerticle;
import dev.switchboard.web.MetricsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running service. {@link #start} is the one start-up chain: database (embedded or
 * external) → migrations → demo data on a fresh embedded database → the first admin → AMI
 * live queues and screen pops → the IVR's FastAGI server → AMI connections (or the demo Asterisk)
 * → HTTP last.
 * Whatever started before a failure is stopped again, so nothing is left half-running.
 */
public final class Switchboard {

    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    /** How far back calls stored with no end are followed on at start: as long as a silent call is followed. */
    private static final Duration OPEN_CALLS_WINDOW = JourneyRecorder.KEEP_SILENT;
    private static final int OPEN_CALLS_LIMIT = 100_000;

    private final Vertx vertx;
    private final SwitchboardConfig config;
    private final PrometheusMeterRegistry registry;
    private final PasswordHasher hasher = new PasswordHasher();
    private Database database;
    private AdminAudit adminAudit;
    private DemoAsterisk demoAsterisk;
    private TelephonyVerticle telephony;
    private String telephonyDeployment;
    private QueueLogReconciler queueLog;
    private String queueLogDeployment;
    private QueuesVerticle queues;
    private QueueFiguresService queueFigures;
    private String queuesDeployment;
    private AnswerTargets answerTargets;
    private QueueTargets queueTargets;
    private AgentDirectory agentDirectory;
    private ScreenPopVerticle screenPops;
    private String screenPopsDeployment;
    private FastAgiServer fastAgi;
    private Surveys surveys;
    private CaseStore caseStore;
    private HeldCaseOpenings heldCases;
    private CallbackQueue callbackQueue;
    private CallbackDispatcher callbackDispatcher;
    private String callbacksDeployment;
    private String heldCasesDeployment;
    private Outbox outbox;
    private VisitPlanner visitPlanner;
    private MessageSender messageSender;
    private String messagesDeployment;
    private String httpDeployment;
    private HttpServerVerticle http;

    private Switchboard(Vertx vertx, SwitchboardConfig config, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    public static Future<Switchboard> start(Vertx vertx, SwitchboardConfig config, PrometheusMeterRegistry registry) {
        Switchboard service = new Switchboard(vertx, config, registry);
        return service.startAll()
                .map(service)
                .recover(failure -> service.stop().transform(ignored -> Future.failedFuture(failure)));
    }

    private Future<Void> startAll() {
        log.info("Starting Switchboard with {}", config);
        return Database.open(vertx, config.database(), config.dataDir())
                .compose(db -> {
                    database = db;
                    adminAudit = new AdminAudit(db.pool(), Clock.systemUTC());
                    return Migrations.migrate(vertx, db.settings());
                })
                .compose(migrated -> DemoSeeding.onFirstStart(vertx, database, config.demo()).map(migrated))
                .compose(migrated -> AdminAccount.ensure(vertx, database.pool(), config.auth(), hasher, System.out)
                        .map(migrated))
                .compose(migrated -> deployQueues().map(migrated))
                .compose(migrated -> deployScreenPops().map(migrated))
                .compose(migrated -> deployCallbacks().map(migrated))
                .compose(migrated -> startIvr().map(migrated))
                .compose(migrated -> asteriskServers().compose(this::deployTelephony).map(migrated))
                .compose(migrated -> deployHttp(migrated.schemaVersion()))
                .onSuccess(v -> log.info("Switchboard is up: http://{}:{}/ready", config.http().host(),
                        http.actualPort()));
    }

    /** The configured Asterisk servers, or in demo mode the built-in simulated one. */
    private Future<List<AmiServerConfig>> asteriskServers() {
        if (!config.ami().isEmpty()) {
            return Future.succeededFuture(config.ami());
        }
        if (!config.demoMode()) {
            log.warn("No Asterisk configured (SWITCHBOARD_AMI is unset): no calls are followed. DEMO traffic runs "
                    + "only with the embedded database unless SWITCHBOARD_DEMO=true");
            return Future.succeededFuture(List.of());
        }
        if (config.demo().callsPerMinute() == 0) {
            log.info("DEMO: no Asterisk configured (SWITCHBOARD_AMI is unset) and demo traffic is off");
            return Future.succeededFuture(List.of());
        }
        return DemoAsterisk.start(vertx, config.demo()).map(demo -> {
            demoAsterisk = demo;
            log.info("DEMO: no Asterisk configured (SWITCHBOARD_AMI is unset); a simulated Asterisk on {} makes "
                    + "{} demo calls a minute with {} agents", demo.login().label(), config.demo().callsPerMinute(),
                    config.demo().agents());
            return List.of(demo.login());
        });
    }

    /** Live queues and their figures; before telephony, so it hears the first events. */
    private Future<Void> deployQueues() {
        answerTargets = new AnswerTargets(config.queues());
        queueTargets = new QueueTargets(vertx, database.pool(), answerTargets, adminAudit);
        LiveQueueBoard board = new LiveQueueBoard(Clock.systemUTC(), answerTargets, config.queues().wrapUpSeconds());
        queueFigures = new QueueFiguresService(new QueueFiguresStore(database.pool()), answerTargets, board,
                config.queues(), Clock.systemUTC());
        queues = new QueuesVerticle(board, queueFigures, Clock.systemUTC());
        return queueTargets.load().compose(v -> vertx.deployVerticle(queues)).onSuccess(id -> queuesDeployment = id)
                .mapEmpty();
    }

    /** Screen pops; before telephony too. */
    private Future<Void> deployScreenPops() {
        agentDirectory = new AgentDirectory(database.pool(), adminAudit);
        screenPops = new ScreenPopVerticle(agentDirectory,
                new PopResolver(new AccountDirectory(database.pool(), Clock.systemUTC()), config.defaultCountry()),
                answerTargets, Clock.systemUTC());
        return vertx.deployVerticle(screenPops).onSuccess(id -> screenPopsDeployment = id).mapEmpty();
    }

    /** Cases, and the callbacks callers ask for in the IVR; the dispatcher places them, before telephony too. */
    private Future<Void> deployCallbacks() {
        surveys = new Surveys(database.pool(), Clock.systemUTC());
        outbox = new Outbox(database.pool(), vertx.eventBus(), config.queues().zone(), config.messages().publicUrl(),
                Clock.systemUTC());
        caseStore = new CaseStore(database.pool(), Clock.systemUTC(), surveys, new CaseChanges(vertx.eventBus()),
                outbox);
        callbackQueue = new CallbackQueue(database.pool(), caseStore, config.callbacks(), config.defaultCountry(),
                Clock.systemUTC());
        callbackDispatcher = new CallbackDispatcher(callbackQueue, config.callbacks(), Clock.systemUTC());
        heldCases = new HeldCaseOpenings(config.dataDir().resolve("held-cases"), caseStore, registry,
                Clock.systemUTC());
        return vertx.deployVerticle(heldCases).onSuccess(id -> heldCasesDeployment = id)
                .compose(v -> vertx.deployVerticle(callbackDispatcher)).onSuccess(id -> callbacksDeployment = id)
                .compose(v -> deployMessages())
                .mapEmpty();
    }

    /** Visits and the sender of customer messages, whose delivered visit messages advise the customer. */
    private Future<Void> deployMessages() {
        visitPlanner = new VisitPlanner(database.pool(), caseStore,
                new SlotFinder(config.queues().zone(), config.scheduling().visitLength(),
                        config.scheduling().travelBuffer()),
                config.scheduling().travelBuffer(), outbox, Clock.systemUTC());
        messageSender = new MessageSender(database.pool(), config.messages(), new DeliveryEffects() {
            @Override
            public Future<Void> within(SqlClient client, OutgoingMessage message) {
                return visitPlanner.advisedByMessageWithin(client, message);
            }

            @Override
            public void committed(OutgoingMessage message) {
                caseStore.announce(message.caseId());
            }
        }, Clock.systemUTC());
        return vertx.deployVerticle(messageSender).onSuccess(id -> messagesDeployment = id).mapEmpty();
    }

    /** The FastAGI server for Asterisk's IVR, for the allowed addresses only (a DNS look-up, so off the event loop). */
    private Future<Void> startIvr() {
        return vertx.executeBlocking(() -> AgiAllowList.of(config.ivr(), config.ami()), false).compose(allowed -> {
            fastAgi = new FastAgiServer(config.ivr(), allowed, database.pool(), callbackQueue,
                    config.defaultCountry(), registry, Clock.systemUTC());
            return fastAgi.start();
        }).recover(e -> Future.failedFuture(new StartupException("cannot listen for FastAGI on "
                + config.ivr().host() + ":" + config.ivr().port() + " (" + e.getMessage()
                + "): set SWITCHBOARD_AGI_PORT to a free port", e)));
    }

    private Future<Void> deployTelephony(List<AmiServerConfig> servers) {
        if (servers.isEmpty()) {
            return Future.succeededFuture();
        }
        JourneySpill spill = new JourneySpill(config.dataDir().resolve("unsaved-calls"));
        JourneyTracker tracker = new JourneyTracker(Clock.systemUTC());
        JourneyStore journeys = new JourneyStore(database.pool());
        return followCallsLeftOpen(tracker, journeys, servers)
                .compose(v -> vertx.executeBlocking(() -> JourneyRecorder.leftOver(spill), false))
                .compose(leftOver -> {
                    JourneyRecorder recorder = new JourneyRecorder(vertx, tracker, journeys, registry, spill,
                            config.database().unsavedCallsInMemory(), leftOver);
                    recorder.onPersisted(queues::journeysStored);
                    telephony = new TelephonyVerticle(servers, LinkTimings.defaults(), registry).listen(recorder)
                            .listen(queues).listen(screenPops).listen(callbackDispatcher);
                    return vertx.deployVerticle(telephony).onSuccess(id -> telephonyDeployment = id)
                            .compose(id -> deployQueueLog(servers, recorder));
                });
    }

    /** Reads each Asterisk's queue_log, when shared, to recover what AMI did not hear. */
    private Future<Void> deployQueueLog(List<AmiServerConfig> servers, JourneyRecorder recorder) {
        Map<String, Path> files = new LinkedHashMap<>();
        servers.forEach(server -> config.queueLog().fileOf(server.label()).ifPresent(path -> files.put(server.label(), path)));
        if (files.isEmpty()) {
            log.info("No queue_log shared ({} is unset): calls that end while Switchboard is not listening to "
                    + "Asterisk keep no end", Settings.QUEUE_LOG.env());
            return Future.succeededFuture();
        }
        queueLog = new QueueLogReconciler(config.queueLog(), files, recorder,
                new QueueLogPositions(database.pool(), Clock.systemUTC()), config.queues().zone(), Clock.systemUTC(),
                registry);
        return vertx.deployVerticle(queueLog).onSuccess(id -> queueLogDeployment = id).mapEmpty();
    }

    /**
     * Calls stored with no end in the last {@link #OPEN_CALLS_WINDOW}: a restart may have cut into
     * them. The tracker follows on from what is stored, so that an event about such a call (an
     * answer, a second queue) lands on its stored legs instead of starting it over. Those that
     * ended meanwhile are let go after the first resynchronisation, as any call out of sight.
     */
    private Future<Void> followCallsLeftOpen(JourneyTracker tracker, JourneyStore journeys,
                                             List<AmiServerConfig> servers) {
        Instant since = Instant.now().minus(OPEN_CALLS_WINDOW);
        Future<Void> chain = Future.succeededFuture();
        for (AmiServerConfig server : servers) {
            chain = chain.compose(v -> journeys.open(server.label(), since, OPEN_CALLS_LIMIT).map(open -> {
                long adopted = open.stream().filter(tracker::adopt).count();
                if (adopted > 0) {
                    log.info("Following on {} call(s) of {} stored with no end since {}", adopted, server.label(),
                            since);
                }
                return null;
            }));
        }
        return chain;
    }

    private Future<Void> deployHttp(String schemaVersion) {
        List<ReadinessCheck> checks = List.of(new DatabaseReadiness(database.pool(), schemaVersion));
        HealthDetail asterisk = telephony != null ? telephony : new NoAsterisk();
        AttemptCounters attempts = new AttemptCounters(database.pool(), Clock.systemUTC());
        LoginThrottle loginThrottle = new LoginThrottle(attempts);
        Authentication authentication = new Authentication(vertx, database.pool(), hasher, loginThrottle,
                config.auth().sessionTtl(), Clock.systemUTC());
        CaseAccess caseAccess = new CaseAccess(database.pool());
        http = new HttpServerVerticle(config.http(), List.of(
                new HealthRoutes(checks, queueLog == null ? List.of(asterisk, messageSender)
                        : List.of(asterisk, queueLog, messageSender)),
                new MetricsRoutes(registry),
                new OpenApiRoutes(),
                new AuthRoutes(authentication, new WebSocketTickets(database.pool(), Clock.systemUTC()),
                        new WebSocketOrigins(config.http().allowedOrigins(), config.messages().publicUrl(),
                                config.http().trustedProxies())),
                new AccessPolicy(),
                caseAccess,
                new CallsRoutes(new JourneyStore(database.pool()), Clock.systemUTC(), config.queues().zone()),
                new QueuesRoutes(vertx, queueFigures, config.wallboard(), Clock.systemUTC()),
                new ScreenPopRoutes(vertx, agentDirectory, caseAccess),
                new AgentStateRoutes(vertx, agentDirectory),
                new CasesRoutes(caseStore, heldCases),
                new SurveyRoutes(surveys, caseStore, attempts),
                new KnowledgeRoutes(new KnowledgeBase(database.pool(), caseStore)),
                new CallbacksRoutes(new Callbacks(database.pool(), caseStore, Clock.systemUTC())),
                new SchedulingRoutes(visitPlanner),
                new MessagesRoutes(outbox),
                new UsersRoutes(new Users(vertx, database.pool(), hasher, PasswordPolicy.bundled(), adminAudit,
                        (tx, user, phones) -> agentDirectory.assignWithin(tx, user, phones).mapEmpty()), loginThrottle),
                new AgentPhonesRoutes(agentDirectory),
                new QueueTargetsRoutes(queueTargets),
                new EngineersRoutes(new Engineers(database.pool(), adminAudit)),
                new AuditRoutes(adminAudit),
                accountsRoutes(),
                new StaticUiRoutes()));
        return vertx.deployVerticle(http)
                .recover(e -> Future.failedFuture(e instanceof ConfigException ? e : new StartupException(
                        "cannot listen for HTTP on " + config.http().host() + ":" + config.http().port() + " ("
                                + e.getMessage() + "): set SWITCHBOARD_HTTP_PORT to a free port", e)))
                .onSuccess(id -> httpDeployment = id)
                .mapEmpty();
    }

    /** Finding, creating and correcting accounts, and the postcode → region table. */
    private AccountsRoutes accountsRoutes() {
        PostcodeRegions regions = new PostcodeRegions(database.pool());
        return new AccountsRoutes(new AccountSearch(database.pool(), config.defaultCountry()),
                new AccountStore(database.pool(), Clock.systemUTC(),
                        new AccountDirectory(database.pool(), Clock.systemUTC()), regions),
                new AccountRequests(config.defaultCountry()), regions);
    }

    /** Where the database is, for tools that run beside the service (the benchmark seeds it directly). */
    public ConnectionSettings databaseSettings() {
        return database.settings();
    }

    /** Each AMI link's state and history (none without telephony), for tools that run beside the service. */
    public List<AmiLinkStatus> amiLinks() {
        return telephony == null ? List.of() : telephony.linkStatuses();
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.actualPort();
    }

    /** The HTTP routes, as "METHOD /path". */
    public List<String> routes() {
        return http.routes();
    }

    /**
     * Stops accepting HTTP first, then the AMI connections (storing every call change already
     * seen), the demo Asterisk, and last the database (and the embedded server).
     */
    public Future<Void> stop() {
        return undeploy(httpDeployment)
                .compose(v -> undeploy(queueLogDeployment))
                .compose(v -> undeploy(telephonyDeployment))
                .compose(v -> undeploy(queuesDeployment))
                .compose(v -> undeploy(screenPopsDeployment))
                .compose(v -> undeploy(callbacksDeployment))
                .compose(v -> undeploy(heldCasesDeployment))
                .compose(v -> undeploy(messagesDeployment))
                .compose(v -> {
                    if (fastAgi != null) {
                        fastAgi.stop();
                    }
                    return Future.<Void>succeededFuture();
                })
                .compose(v -> demoAsterisk == null ? Future.<Void>succeededFuture() : demoAsterisk.close().otherwiseEmpty())
                .compose(v -> database == null ? Future.<Void>succeededFuture() : database.close())
                .onComplete(v -> log.info("Switchboard stopped"));
    }

    private Future<Void> undeploy(String deployment) {
        return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment).otherwiseEmpty();
    }
}
