package dev.circuitbreaker.spring.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the dashboard's three files from the jar: the page (with the endpoint path and poll interval filled in),
 * its script and its style sheet. The mappings read the same property as {@link DashboardProperties#getPath()}.
 * Immutable and thread-safe.
 */
@Controller
public class DashboardController {

    private static final String PATH = "${circuitbreaker.dashboard.path:/circuitbreakers}";
    private static final String RESOURCES = DashboardRuntimeHints.RESOURCES;

    private final String redirectTarget;
    private final String page;
    private final String script;
    private final String styles;

    /**
     * @param properties where the page lives and how often it polls
     * @param endpointPath the context-relative path of the circuitbreakers endpoint, e.g. {@code /actuator/circuitbreakers}
     */
    public DashboardController(DashboardProperties properties, String endpointPath) {
        String path = properties.getPath();
        this.redirectTarget = path.substring(path.lastIndexOf('/') + 1) + "/";
        this.page = read("index.html")
                .replace("{{dashboardPath}}", HtmlUtils.htmlEscape(path))
                .replace("{{endpointPath}}", HtmlUtils.htmlEscape(endpointPath))
                .replace("{{refreshMs}}", Long.toString(properties.getRefreshInterval().toMillis()));
        this.script = read("dashboard.js");
        this.styles = read("dashboard.css");
    }

    /** {@return a redirect from {@code /circuitbreakers} to {@code /circuitbreakers/}, so the page's relative links resolve} */
    @GetMapping(PATH)
    public ResponseEntity<Void> redirect() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, redirectTarget).build();
    }

    /** {@return the page, with the endpoint path and the poll interval filled in} */
    @GetMapping(PATH + "/")
    public ResponseEntity<String> page() {
        return file(page, MediaType.TEXT_HTML);
    }

    /** {@return the page's script} */
    @GetMapping(PATH + "/dashboard.js")
    public ResponseEntity<String> script() {
        return file(script, MediaType.valueOf("text/javascript"));
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
