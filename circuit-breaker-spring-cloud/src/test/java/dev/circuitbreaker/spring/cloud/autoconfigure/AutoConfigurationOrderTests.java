package dev.circuitbreaker.spring.cloud.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.util.ClassUtils;

/**
 * The factories' auto-configuration runs before the auto-configurations that only use a factory bean that already
 * exists, and says so in its annotation rather than by the accident of class names sorting before theirs.
 */
class AutoConfigurationOrderTests {

    @Test
    void declaresItRunsBeforeOpenFeignAndSpringCloudCommons() {
        AutoConfiguration order = SpringCloudCircuitBreakerAutoConfiguration.class.getAnnotation(AutoConfiguration.class);

        assertThat(order.beforeName()).containsExactlyInAnyOrder(FeignAutoConfiguration.class.getName(),
                CommonsClientAutoConfiguration.class.getName());
        assertThat(Arrays.stream(order.beforeName()))
                .allSatisfy(name -> assertThat(ClassUtils.isPresent(name, null)).as(name + " exists").isTrue());
        assertThat(order.after()).containsExactly(CircuitBreakerAutoConfiguration.class);
    }

    @Test
    void openFeignWrapsItsClientsInTheRegistrysBreakers() {
        feign().run(context -> assertThat(context.getBean("circuitBreakerFeignTargeter").getClass().getSimpleName())
                .isEqualTo("FeignCircuitBreakerTargeter"));
    }

    @Test
    void withoutTheFactoryOpenFeignFallsBackToItsPlainTargeter() {
        feign().withPropertyValues("circuitbreaker.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("circuitBreakerFeignTargeter"));
    }

    private static ApplicationContextRunner feign() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FeignAutoConfiguration.class,
                        SpringCloudCircuitBreakerAutoConfiguration.class,
                        CircuitBreakerAutoConfiguration.class))
                .withPropertyValues("spring.cloud.openfeign.circuitbreaker.enabled=true");
    }
}
