package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.ConfigOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each core option is declared once, in the core's {@link ConfigOption}; these tests fail when the starter's side
 * misses one: a property to bind it, its IDE metadata, or its row in the README's options table.
 */
class OptionCoverageTests {

    static final Set<String> STARTER_ONLY = Set.of("registerHealthIndicator", "allowHealthIndicatorToFail");

    @Test
    void everyCoreOptionHasAPropertyAndEveryPropertyIsACoreOptionOrAStarterSetting() {
        assertThat(OptionProperty.ALL).extracting(OptionProperty::option).containsExactlyElementsOf(ConfigOption.all());
        List<String> properties = Arrays.stream(InstanceProperties.class.getDeclaredMethods())
                .map(Method::getName).filter(n -> n.startsWith("get"))
                .map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4)).toList();
        Set<String> coreNames = ConfigOption.all().stream().map(ConfigOption::name).collect(Collectors.toSet());
        assertThat(properties).allMatch(p -> coreNames.contains(p) || STARTER_ONLY.contains(p),
                "a core option or one of " + STARTER_ONLY);
    }

    @Test
    void everyCoreOptionHasIdeMetadataUnderDefaults() throws IOException {
        String metadata = resource("META-INF/spring-configuration-metadata.json");
        for (OptionProperty option : OptionProperty.ALL) {
            assertThat(metadata).as("metadata for %s", option.key())
                    .contains("\"name\": \"circuitbreaker.defaults." + option.key() + "\"");
        }
    }

    @Test
    void everyCoreOptionIsInTheReadmesOptionsTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigOption<?> option : ConfigOption.all()) {
            String name = option == ConfigOption.EXCEPTION_THRESHOLDS ? "`exceptionThreshold(" : "`" + option.name() + "`";
            assertThat(readme).as("README row for %s", option.name())
                    .containsPattern("\\n\\| [^\\n|]*" + java.util.regex.Pattern.quote(name));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OptionCoverageTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
