package dev.circuitbreaker.sample.bank;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code bank.*} properties: the fake downstream bank and how the payments service talks to it. */
@ConfigurationProperties(prefix = "bank")
public class BankProperties {

    /** The port the bank listens on (on localhost); 0 picks a free port. */
    private int port = 0;

    /** How long a charge takes in SLOW mode. */
    private Duration slowDelay = Duration.ofSeconds(2);

    /** The longest a charge waits for an answer in HANGING mode (then it fails with 504); switching the mode ends the wait. */
    private Duration maxHang = Duration.ofMinutes(1);

    /** How long the payments service waits for the bank's answer before giving up (a failure). */
    private Duration readTimeout = Duration.ofSeconds(5);

    /** The mode the bank starts in. */
    private BankMode initialMode = BankMode.HEALTHY;

    /** @return the port the bank listens on; 0 picks a free port */
    public int getPort() {
        return port;
    }

    /** @param port the port the bank listens on; 0 picks a free port */
    public void setPort(int port) {
        this.port = port;
    }

    /** @return how long a charge takes in SLOW mode */
    public Duration getSlowDelay() {
        return slowDelay;
    }

    /** @param slowDelay how long a charge takes in SLOW mode */
    public void setSlowDelay(Duration slowDelay) {
        this.slowDelay = slowDelay;
    }

    /** @return the longest a charge hangs in HANGING mode */
    public Duration getMaxHang() {
        return maxHang;
    }

    /** @param maxHang the longest a charge hangs in HANGING mode */
    public void setMaxHang(Duration maxHang) {
        this.maxHang = maxHang;
    }

    /** @return how long the payments service waits for the bank */
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /** @param readTimeout how long the payments service waits for the bank */
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** @return the mode the bank starts in */
    public BankMode getInitialMode() {
        return initialMode;
    }

    /** @param initialMode the mode the bank starts in */
    public void setInitialMode(BankMode initialMode) {
        this.initialMode = initialMode;
    }
}
