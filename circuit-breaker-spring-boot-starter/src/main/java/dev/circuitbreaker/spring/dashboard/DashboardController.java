package dev.circuitbreaker.spring.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the dashboard's files from the jar: the page (with the endpoint paths and the refresh interval filled in),
 * its scripts and its style sheet. The mappings read the same property as {@link DashboardProperties#getPath()}.
 * Plain annotated handlers, so Spring MVC and WebFlux serve them alike; the event stream has a controller per stack
 * ({@link ServletEventStreamController}, {@link ReactiveEventStreamController}). Immutable and thread-safe.
 */
@Controller
public class DashboardController {

    /** The page's path, as a placeholder of the property that {@link DashboardProperties#getPath()} binds. */
    static final String PATH = "${circuitbreaker.dashboard.path:/circuitbreakers}";
    private static final String RESOURCES = DashboardRuntimeHints.RESOURCES;

    /** The page's scripts, in the order it loads them. */
    static final List<String> SCRIPTS = List.of("format.js", "card.js", "list.js", "feed.js", "dashboard.js");

    private final String redirectTarget;
    private final String page;
    private final Map<String, String> scripts;
    private final String styles;

    /**
     * @param properties where the page lives and how often it refreshes
     * @param endpointPath the context-relative path of the circuitbreakers endpoint, e.g. {@code /actuator/circuitbreakers}
     * @param eventsEndpointPath the context-relative path of the circuitbreakerevents endpoint
     */
    public DashboardController(DashboardProperties properties, String endpointPath, String eventsEndpointPath) {
        String path = properties.getPath();
        this.redirectTarget = path.substring(path.lastIndexOf('/') + 1) + "/";
        this.page = read("index.html")
                .replace("{{dashboardPath}}", HtmlUtils.htmlEscape(path))
                .replace("{{endpointPath}}", HtmlUtils.htmlEscape(endpointPath))
                .replace("{{eventsEndpointPath}}", HtmlUtils.htmlEscape(eventsEndpointPath))
                .replace("{{refreshMs}}", Long.toString(properties.getRefreshInterval().toMillis()));
        this.scripts = SCRIPTS.stream().collect(Collectors.toUnmodifiableMap(name -> name, DashboardController::read));
        this.styles = read("dashboard.css");
    }

    /** {@return a redirect from {@code /circuitbreakers} to {@code /circuitbreakers/}, so the page's relative links resolve} */
    @GetMapping(PATH)
    public ResponseEntity<Void> redirect() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, redirectTarget).build();
    }

    /** {@return the page, with the endpoint paths and the refresh interval filled in} */
    @GetMapping(PATH + "/")
    public ResponseEntity<String> page() {
        return file(page, MediaType.TEXT_HTML);
    }

    /**
     * @param script the file name, e.g. {@code dashboard.js}
     * @return that script of the page, or 404 for a name that is not one of them
     */
    @GetMapping(PATH + "/{script:[a-z]+\\.js}")
    public ResponseEntity<String> script(@PathVariable("script") String script) {
        String body = scripts.get(script);
        return body == null ? ResponseEntity.notFound().build() : file(body, MediaType.valueOf("text/javascript"));
    }

    /** {@return the page's style sheet} */
    @GetMapping(PATH + "/dashboard.css")
    public ResponseEntity<String> styles() {
        return file(styles, MediaType.valueOf("text/css"));
    }

    private static ResponseEntity<String> file(String body, MediaType type) {
        return ResponseEntity.ok().contentType(new MediaType(type, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(body);
    }

    private static String read(String name) {
        try (InputStream in = DashboardController.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing from the jar: " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
