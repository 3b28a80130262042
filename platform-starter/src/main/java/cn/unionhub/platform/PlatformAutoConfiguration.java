package cn.unionhub.platform;

import cn.unionhub.events.Topics;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.events.DeadLetterMetrics;
import cn.unionhub.platform.events.EventEncoder;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.platform.events.EventsProperties;
import cn.unionhub.platform.clock.RehearsalClock;
import cn.unionhub.platform.clock.RehearsalClockController;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarCopy;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.InboundEvents;
import cn.unionhub.platform.events.Inbox;
import cn.unionhub.platform.events.InboxTrimmer;
import cn.unionhub.platform.events.InvalidEventException;
import cn.unionhub.platform.events.StoreOutages;
import cn.unionhub.platform.events.MicrometerTraceContext;
import cn.unionhub.platform.events.OutboxRelay;
import cn.unionhub.platform.events.TraceContext;
import cn.unionhub.platform.problem.ProblemHandler;
import cn.unionhub.platform.problem.Problems;
import cn.unionhub.platform.store.DataSteps;
import cn.unionhub.platform.stream.StreamSettings;
import cn.unionhub.platform.web.OpenApiDefaults;
import cn.unionhub.platform.web.RequestIdFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared runtime of every domain service: events (outbox, relay, inbox, dead letters),
 * RFC 9457 problems and request ids. Runs before Boot's Kafka configuration so that its byte-array
 * producer is the one the service uses.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class, after = DataMongoAutoConfiguration.class)
@EnableConfigurationProperties({EventsProperties.class, KafkaProperties.class, StreamSettings.class})
public class PlatformAutoConfiguration {

    /**
     * A request finds out within two seconds that the database is gone (the driver waits 30 s for a
     * server by default, longer than the gateway's timeout and every user's patience) and answers a
     * 503 Problem; readiness includes the database (unionhub-defaults.yml), so the instance leaves the
     * load balancer meanwhile and comes back by itself when it returns.
     */
    @Bean
    org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer fastStoreFailure(
            @org.springframework.beans.factory.annotation.Value("${unionhub.store.server-selection-timeout:2s}") java.time.Duration timeout) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Bean
    @ConditionalOnMissingBean
    AnonymousRelease anonymousRelease(@Value("${unionhub.anonymity.release-every:0s}") Duration period) {
        return AnonymousRelease.every(period);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${unionhub.clock.adjustable:false}") boolean adjustable) {
        if (adjustable) {
            LoggerFactory.getLogger(PlatformAutoConfiguration.class).warn(
                    "unionhub.clock.adjustable=true: this service's clock can be moved ahead through /internal/clock."
                            + " For rehearsals and end-to-end tests only, never in production.");
            return new RehearsalClock(Clock.systemUTC());
        }
        return Clock.systemUTC();
    }

    /** The rehearsal clock's controls, only on a service started with {@code unionhub.clock.adjustable=true}. */
    @Bean
    @ConditionalOnProperty(name = "unionhub.clock.adjustable", havingValue = "true")
    RehearsalClockController rehearsalClockController(Clock clock) {
        return new RehearsalClockController((RehearsalClock) clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebConfiguration {

        /**
         * The languages answers come in, so that {@code Accept-Language: de, en;q=0.5} gets English, the caller's
         * second choice, rather than the default Chinese because German came first. Boot makes the resolver
         * ({@code spring.web.locale-resolver: accept-header}); this names what it may choose from.
         */
        @Bean
        static BeanPostProcessor supportedLanguages() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof AcceptHeaderLocaleResolver resolver && resolver.getSupportedLocales().isEmpty()) {
                        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
                    }
                    return bean;
                }
            };
        }

        @Bean
        Problems problems(MessageSource messageSource) {
            return new Problems(messageSource);
        }

        @Bean
        ProblemHandler problemHandler(Problems problems) {
            return new ProblemHandler(problems);
        }

        @Bean
        OpenApiCustomizer unionHubOpenApi(@Value("${spring.application.name:unionhub}") String applicationName,
                @Value("${unionhub.api.version:v1}") String version) {
            return OpenApiDefaults.customizer(applicationName, version);
        }

        @Bean
        FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
            FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    /** Only with Micrometer Tracing on the class path: the starter works without it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.tracing.Tracer", "io.micrometer.tracing.propagation.Propagator"})
    static class TracingConfiguration {

        @Bean
        TraceContext outboxTraceContext(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
            return new MicrometerTraceContext(tracers, propagators);
        }
    }

    /** The published holiday schedules, for a service that counts working days (see {@link CalendarCopy}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "unionhub.calendar", name = "copy-published", havingValue = "true")
    static class CalendarCopyConfiguration {

        @Bean
        CalendarCopy calendarCopy(BusinessCalendar calendar, MongoTemplate mongo, Clock clock, InboundEvents inbound,
                @Value("${spring.application.name}") String application, @Value("${unionhub.calendar.refresh:1m}") Duration refresh) {
            return new CalendarCopy(calendar, mongo, clock, inbound, application, refresh);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EventsConfiguration {

        @Bean
        EventSchemas eventSchemas() {
            return new EventSchemas();
        }

        @Bean
        DataSteps dataSteps(MongoTemplate mongo, Clock clock) {
            return new DataSteps(mongo, clock);
        }

        @Bean
        EventEncoder eventEncoder(JsonMapper json, EventSchemas schemas, Clock clock) {
            return new EventEncoder(json, schemas, clock);
        }

        /**
         * One producer for the relay and for dead letters: values are already bytes (CloudEvents
         * binary mode), idempotent with {@code acks=all}, and quick to give up while the broker is
         * down so the relay can back off instead of blocking.
         */
        @Bean
        ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties kafka) {
            Map<String, Object> config = kafka.buildProducerProperties();
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            return new DefaultKafkaProducerFactory<>(config);
        }

        @Bean
        KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
            return new KafkaTemplate<>(producerFactory);
        }

        @Bean
        OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, EventsProperties properties,
                @Value("${spring.application.name:unionhub}") String applicationName, Clock clock, MeterRegistry meters,
                ObjectProvider<KafkaAdmin> admin) {
            return new OutboxRelay(mongo, kafka, properties, applicationName, clock, meters,
                    () -> admin.ifAvailable(KafkaAdmin::initialize));
        }

        /** Events remember the trace of the request that caused them; without tracing they carry none. */
        @Bean
        AggregateStore aggregateStore(MongoTemplate mongo, EventEncoder encoder, OutboxRelay relay,
                ObjectProvider<TraceContext> trace) {
            return new AggregateStore(mongo, encoder, relay, trace.getIfAvailable(() -> TraceContext.NONE));
        }

        @Bean
        Inbox inbox(MongoTemplate mongo, Clock clock) {
            return new Inbox(mongo, clock);
        }

        @Bean
        InboundEvents inboundEvents(JsonMapper json, EventSchemas schemas, Inbox inbox, MeterRegistry meters,
                ObjectProvider<ObservationRegistry> observations) {
            return new InboundEvents(json, schemas, inbox, meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        }

        /**
         * Spring Kafka times a listener under one name, {@code spring.kafka.listener}, two ways: a record listener
         * through its observation (tags {@code messaging.*}, {@code spring.kafka.listener.id}), a batch listener,
         * which it does not observe, with its own timer (tags {@code name}, {@code result}, {@code exception}).
         * Prometheus takes one set of tag keys per name: the batch timers, made at start, came first, and every
         * record listener's timing was refused with a warning. The batch timers get a name of their own.
         */
        @Bean
        MeterFilter batchListenerTimers() {
            return new MeterFilter() {
                @Override
                public Meter.Id map(Meter.Id id) {
                    return "spring.kafka.listener".equals(id.getName()) && id.getTag("result") != null
                            && id.getTag("messaging.system") == null ? id.withName("spring.kafka.listener.batch") : id;
                }
            };
        }

        @Bean(EventsProperties.SPACED_POLLS)
        ContainerPostProcessor<String, byte[], AbstractMessageListenerContainer<String, byte[]>> spacedPolls(
                EventsProperties properties) {
            return container -> container.getContainerProperties().setIdleBetweenPolls(properties.spacedPolls().toMillis());
        }

        @Bean
        InboxTrimmer inboxTrimmer(Inbox inbox, InboundEvents inbound, EventsProperties properties, Clock clock) {
            return new InboxTrimmer(inbox, inbound, properties.inboxRetention(), clock);
        }

        /**
         * Retries with exponential back-off, then parks the record on {@code <topic>.dlt} with the
         * reason in {@code kafka_dlt-exception-*} headers; records that can never succeed go there
         * at once. Either way the partition moves on.
         */
        @Bean
        DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, EventsProperties properties,
                DeadLetterMetrics deadLetters) {
            DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                    (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
            ConsumerRecordRecoverer recoverer = (record, exception) -> {
                publisher.accept(record, exception);
                deadLetters.published(record.topic());
            };
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retryAttempts());
            backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
            backOff.setMultiplier(2.0);
            backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
            DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
            handler.addNotRetryableExceptions(InvalidEventException.class);
            // A database outage is not the record's fault: keep retrying it (the partition waits, in order)
            // instead of parking every record that arrives during the outage on the dead-letter topic.
            handler.setBackOffFunction((record, exception) -> StoreOutages.isOutage(exception)
                    ? StoreOutages.untilTheStoreIsBack(properties.retryMaxInterval()) : null);
            return handler;
        }

        @Bean
        DeadLetterMetrics deadLetterMetrics(MeterRegistry meters) {
            return new DeadLetterMetrics(meters);
        }

        @Bean
        KafkaAdmin.NewTopics unionHubTopics(EventsProperties properties) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : properties.topics()) {
                TopicBuilder builder = TopicBuilder.name(topic).partitions(properties.partitions()).replicas(properties.replicas());
                if (Topics.COMPACTED.contains(topic)) {
                    builder.compact();
                }
                topics.add(builder.build());
                topics.add(TopicBuilder.name(Topics.deadLetterOf(topic)).partitions(properties.partitions())
                        .replicas(properties.replicas()).build());
            }
            return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
        }
    }
}
