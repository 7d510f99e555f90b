package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.spring.dashboard.DashboardProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.Ordered;

/**
 * The {@code circuitbreaker.*} properties. Unknown keys fail startup; values are checked by the core config
 * builder when the application starts (see {@link CircuitBreakerConfigurations}). A mutable binding target: not
 * thread-safe, read once at startup.
 */
@ConfigurationProperties(prefix = "circuitbreaker", ignoreUnknownFields = false)
public class CircuitBreakerProperties {

    /** The default of {@code circuitbreaker.aspect-order}: just outside Spring's transaction and cache advice. */
    public static final int DEFAULT_ASPECT_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** Whether the starter is on; false turns off breakers, the annotation, the endpoint, meters and health. */
    private boolean enabled = true;

    /**
     * The order of the @CircuitBreaker advice among other advice on the same method; lower runs first (outermost).
     * The default, Ordered.LOWEST_PRECEDENCE - 10, wraps @Transactional and @Cacheable advice of default order.
     */
    private int aspectOrder = DEFAULT_ASPECT_ORDER;

    /** Settings applied to every instance, and to breakers named only in @CircuitBreaker annotations. */
    @NestedConfigurationProperty
    private InstanceProperties defaults = new InstanceProperties();

    /** Breakers by name; each value replaces the default of the same key (lists and maps as a whole). */
    private Map<String, InstanceProperties> instances = new LinkedHashMap<>();

    /**
     * Circuit groups by name: whether each is shared across the instances of the service (through Redis) and how.
     * Its members are the instances whose group key names it.
     */
    private Map<String, SharedGroupProperties> groups = new LinkedHashMap<>();

    /** How shared groups use Redis; the connection is Spring Boot's own spring.data.redis.*. */
    @NestedConfigurationProperty
    private GroupStoreRedisProperties redis = new GroupStoreRedisProperties();

    /** The live dashboard page (off by default); bound here so that unknown keys under it fail startup too. */
    @NestedConfigurationProperty
    private DashboardProperties dashboard = new DashboardProperties();

    /** Micrometer Observation of guarded calls (off by default). */
    @NestedConfigurationProperty
    private ObservationsProperties observations = new ObservationsProperties();

    /** @return {@code circuitbreaker.enabled} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled {@code circuitbreaker.enabled} */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return {@code circuitbreaker.aspect-order} */
    public int getAspectOrder() {
        return aspectOrder;
    }

    /** @param aspectOrder {@code circuitbreaker.aspect-order} */
    public void setAspectOrder(int aspectOrder) {
        this.aspectOrder = aspectOrder;
    }

    /** @return {@code circuitbreaker.defaults} */
    public InstanceProperties getDefaults() {
        return defaults;
    }

    /** @param defaults {@code circuitbreaker.defaults} */
    public void setDefaults(InstanceProperties defaults) {
        this.defaults = defaults;
    }

    /** @return {@code circuitbreaker.instances} */
    public Map<String, InstanceProperties> getInstances() {
        return instances;
    }

    /** @param instances {@code circuitbreaker.instances} */
    public void setInstances(Map<String, InstanceProperties> instances) {
        this.instances = instances;
    }

    /** @return {@code circuitbreaker.groups} */
    public Map<String, SharedGroupProperties> getGroups() {
        return groups;
    }

    /** @param groups {@code circuitbreaker.groups} */
    public void setGroups(Map<String, SharedGroupProperties> groups) {
        this.groups = groups;
    }

    /** @return {@code circuitbreaker.redis} */
    public GroupStoreRedisProperties getRedis() {
        return redis;
    }

    /** @param redis {@code circuitbreaker.redis} */
    public void setRedis(GroupStoreRedisProperties redis) {
        this.redis = redis;
    }

    /** @return {@code circuitbreaker.dashboard} */
    public DashboardProperties getDashboard() {
        return dashboard;
    }

    /** @param dashboard {@code circuitbreaker.dashboard} */
    public void setDashboard(DashboardProperties dashboard) {
        this.dashboard = dashboard;
    }

    /** @return {@code circuitbreaker.observations} */
    public ObservationsProperties getObservations() {
        return observations;
    }

    /** @param observations {@code circuitbreaker.observations} */
    public void setObservations(ObservationsProperties observations) {
        this.observations = observations;
    }

    /** The {@code circuitbreaker.observations.*} properties. Not thread-safe; bound once at startup. */
    public static class ObservationsProperties {

        /**
         * Whether each guarded call is a Micrometer observation "circuitbreaker.call" (tags name, state, outcome): a
         * span with tracing, a timer without. Needs an ObservationRegistry bean (Spring Boot's Actuator has one).
         */
        private boolean enabled = false;

        /** @return {@code circuitbreaker.observations.enabled} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled {@code circuitbreaker.observations.enabled} */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
