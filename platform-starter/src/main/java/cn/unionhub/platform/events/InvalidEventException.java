package cn.unionhub.platform.events;

/**
 * A record that can never be processed: not a CloudEvent, not JSON, or not valid against its
 * schema. Retrying cannot help, so it goes straight to the dead-letter topic with this message.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
