package dev.circuitbreaker.spring.cloud.openfeign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.cloud.Downstream;
import dev.circuitbreaker.spring.cloud.RegistryCircuitBreakerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code spring.cloud.openfeign.circuitbreaker.group.enabled}: Feign calls {@code create(id, clientName)}. The client's
 * name stays a naming hint: no shared state between the client's methods, no {@code group} option, no breaker named
 * after it.
 */
@SpringBootTest(classes = {OpenFeignTestApplication.class, OpenFeignGroupNameTests.RecordGroups.class},
        properties = {
                "spring.cloud.openfeign.circuitbreaker.enabled=true",
                "spring.cloud.openfeign.circuitbreaker.group.enabled=true",
                "circuitbreaker.instances.BankClientbalanceString.failure-threshold=2"})
class OpenFeignGroupNameTests {

    private static final Downstream BANK = OpenFeignTestApplication.BANK;

    @DynamicPropertySource
    static void bank(DynamicPropertyRegistry properties) {
        properties.add("bank.url", BANK::url);
    }

    @Autowired
    BankClients.BankClient bank;

    @Autowired
    CircuitBreakerRegistry registry;

    @Autowired
    GroupRecordingFactory factory;

    @Test
    void feignsClientNameNeitherSharesStateNorBecomesOurGroup() {
        BANK.failing(true);
        bank.balance("acc-1");
        bank.balance("acc-1");
        BANK.failing(false);

        assertThat(factory.groupNames).as("Feign passed its client name as the group").contains("bank");
        assertThat(registry.find("BankClientbalanceString").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        assertThat(bank.charge("acc-1")).as("the client's other method has its own breaker").isEqualTo("ok /charge/acc-1");
        assertThat(registry.find("BankClientchargeString").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(registry.all()).allSatisfy(breaker -> assertThat(breaker.config().group()).isNull());
        assertThat(registry.find("bank")).isEmpty();
    }

    /** Records the group names Feign passes, then hands the call to the module's factory. */
    static final class GroupRecordingFactory extends CircuitBreakerFactory<Object, ConfigBuilder<Object>> {

        final List<String> groupNames = new CopyOnWriteArrayList<>();
        private final RegistryCircuitBreakerFactory delegate;

        GroupRecordingFactory(RegistryCircuitBreakerFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public CircuitBreaker create(String id) {
            return delegate.create(id);
        }

        @Override
        public CircuitBreaker create(String id, String groupName) {
            groupNames.add(groupName);
            return delegate.create(id, groupName);
        }

        @Override
        protected ConfigBuilder<Object> configBuilder(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void configureDefault(Function<String, Object> defaultConfiguration) {
            throw new UnsupportedOperationException();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordGroups {

        @Bean
        static BeanPostProcessor recordGroupNames() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof RegistryCircuitBreakerFactory factory ? new GroupRecordingFactory(factory) : bean;
                }
            };
        }
    }
}
