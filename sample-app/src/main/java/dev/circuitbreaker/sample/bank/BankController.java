package dev.circuitbreaker.sample.bank;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Switches the fake bank's behaviour at runtime: {@code POST /bank/mode} with {@code {"mode": "failing"}}
 * (healthy, failing, slow, hanging, flapping); {@code GET /bank/mode} shows the mode, the bank's address, how many
 * charge requests reached it and how many it is working on (or hanging on) now. It never calls the bank, so it
 * answers while the bank hangs, as long as the service has a request thread left.
 */
@RestController
@RequestMapping("/bank/mode")
public class BankController {

    private final BankServer bank;

    /** @param bank the fake bank this controller switches */
    public BankController(BankServer bank) {
        this.bank = bank;
    }

    /** {@return the bank's mode, address and the number of charge requests that reached it} */
    @GetMapping
    public Map<String, Object> mode() {
        return Map.of("mode", bank.mode().name(), "url", bank.baseUrl(), "requests", bank.requests(),
                "inFlight", bank.inFlight());
    }

    /**
     * @param change the new mode
     * @return the bank's state after the switch, or 400 naming the modes for an unknown one
     */
    @PostMapping
    public ResponseEntity<Map<String, Object>> switchMode(@RequestBody ModeChange change) {
        BankMode mode;
        try {
            mode = BankMode.valueOf(String.valueOf(change.mode()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "unknown mode '" + change.mode() + "'; use one of "
                    + Arrays.toString(BankMode.values()).toLowerCase(Locale.ROOT)));
        }
        bank.switchTo(mode);
        return ResponseEntity.ok(mode());
    }

    /**
     * The body of {@code POST /bank/mode}.
     *
     * @param mode healthy, failing, slow or flapping (any case)
     */
    public record ModeChange(String mode) {
    }
}
