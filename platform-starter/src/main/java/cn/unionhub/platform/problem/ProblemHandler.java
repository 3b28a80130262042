package cn.unionhub.platform.problem;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.DomainException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.TooLargeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Every error a service answers is an RFC 9457 problem: stable type, zh-CN title and detail (or
 * English on request), all bad fields at once, the request id, and never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final Map<Integer, String> CODES_BY_STATUS = Map.of(
            400, "bad-request", 404, "not-found", 405, "method-not-allowed", 406, "not-acceptable",
            413, "payload-too-large", 415, "unsupported-media-type");

    private final Problems problems;

    public ProblemHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(domainProblem(HttpStatus.NOT_FOUND, e));
    }

    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLargeException e) {
        return respond(domainProblem(HttpStatus.CONTENT_TOO_LARGE, e));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return respond(domainProblem(HttpStatus.FORBIDDEN, e));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return respond(domainProblem(HttpStatus.CONFLICT, e));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException e) {
        ProblemDetail problem = domainProblem(HttpStatus.BAD_REQUEST, e);
        problem.setProperty("errors", problems.fieldErrors(e.violations()));
        return respond(problem);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentModification(OptimisticLockingFailureException e) {
        return respond(problems.of(HttpStatus.CONFLICT, "concurrent-modification"));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return respond(problems.of(HttpStatus.CONFLICT, "duplicate"));
    }

    /**
     * The database cannot be reached (no server within the selection timeout, a broken connection):
     * a 503 the caller may retry, within about two seconds rather than a hung request, and nothing
     * was changed. Spring translates the driver's timeouts and socket errors to this type.
     */
    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessResourceFailureException e) {
        log.warn("Database unavailable: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable"));
    }

    /** Anything unexpected: log it in full here, tell the caller only the request id. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return respond(problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", MDC.get(RequestIds.MDC_KEY)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "code", String.valueOf(error.getCode()),
                    "message", problems.message(error, LocaleContextHolder.getLocale())));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(Map.of("field", error.getObjectName(),
                "code", String.valueOf(error.getCode()), "message", problems.message(error, LocaleContextHolder.getLocale()))));
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation", errors.size());
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(Map.of(
                "field", result.getMethodParameter().getParameterName() == null ? "" : result.getMethodParameter().getParameterName(),
                "code", error.getCodes() == null || error.getCodes().length == 0 ? "invalid" : error.getCodes()[error.getCodes().length - 1],
                "message", problems.message(error, LocaleContextHolder.getLocale())))));
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation", errors.size());
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // A body cut off by its size limit while being parsed reaches here wrapped by the JSON reader.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLargeException tooLarge) {
                return new ResponseEntity<>(domainProblem(HttpStatus.CONTENT_TOO_LARGE, tooLarge), headers,
                        HttpStatus.CONTENT_TOO_LARGE);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolationException violation) {
                // A value's own check refused it while the body was read (a member price above the list price): its reason,
                // not "the body is not valid JSON".
                return new ResponseEntity<>(ruleViolation(violation).getBody(), headers, HttpStatus.BAD_REQUEST);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String code = mismatch instanceof PropertyBindingException ? "unknown-field"
                        : mismatch instanceof InvalidNullException ? "required" : mismatchCode(mismatch.getTargetType());
                return fieldProblem(headers, path(mismatch.getPath()), code,
                        code.equals("one-of") ? allowedValues(mismatch.getTargetType()) : new Object[0]);
            }
        }
        return new ResponseEntity<>(problems.of(HttpStatus.BAD_REQUEST, "malformed-body"), headers, HttpStatus.BAD_REQUEST);
    }

    /** {@code events[0].startsAt}, as a client names the field it sent. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * Why a JSON value did not fit its field, by the field's type: the format a date or time needs, the values an
     * enum has, that a number is needed. A value of the wrong shape elsewhere (an object for a list) is "invalid".
     */
    private static String mismatchCode(Class<?> type) {
        if (type == null) {
            return "invalid";
        }
        if (type.isEnum()) {
            return "one-of";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "date-time-format";
        }
        if (type == LocalDate.class) {
            return "date-format";
        }
        if (type == YearMonth.class) {
            return "month-format";
        }
        if (type == LocalTime.class) {
            return "time-format";
        }
        if (type == LocalDateTime.class) {
            return "local-date-time-format";
        }
        if (type == Duration.class) {
            return "duration-format";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class || type == short.class
                || type == Short.class) {
            return "whole-number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true-or-false";
        }
        return "invalid";
    }

    private static Object[] allowedValues(Class<?> type) {
        if (type == null || !type.isEnum()) {
            return new Object[0];
        }
        return new Object[] {java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", "))};
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(problems.of(status, "method-not-allowed", e.getMethod()), headers, status);
    }

    /**
     * A query or path parameter that is not of its type ({@code page=abc}, {@code status=BOGUS}): the
     * validation problem naming the parameter, with the allowed values when they are an enum's, not
     * the name of Spring's exception.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        if (e instanceof MethodArgumentTypeMismatchException m && type != null
                && (java.util.Collection.class.isAssignableFrom(type) || type.isArray())) {
            // ?status=BOGUS for a list of statuses: the element's choices (it said only "格式不正确").
            type = org.springframework.core.ResolvableType.forMethodParameter(m.getParameter()).getNested(2).resolve(type);
        }
        if (type != null && type.isEnum()) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
            return fieldProblem(headers, name, "one-of", allowed);
        }
        return fieldProblem(headers, name, "invalid");
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return fieldProblem(headers, e.getParameterName(), "required");
    }

    private ResponseEntity<Object> fieldProblem(HttpHeaders headers, String field, String code, Object... arguments) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation", 1);
        problem.setProperty("errors", List.of(new Problems.FieldError(field == null ? "" : field, code,
                problems.fieldMessage(code, arguments))));
        return new ResponseEntity<>(problem, headers, HttpStatus.BAD_REQUEST);
    }

    /** The remaining Spring MVC exceptions: same shape, text chosen by status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail detail && detail.getType() != null
                && detail.getType().toString().startsWith(Problems.TYPE_BASE)) {
            return new ResponseEntity<>(body, headers, status);
        }
        String code = CODES_BY_STATUS.getOrDefault(status.value(), status.is5xxServerError() ? "internal" : "bad-request");
        Object argument = code.equals("internal") ? MDC.get(RequestIds.MDC_KEY) : e.getClass().getSimpleName();
        return new ResponseEntity<>(problems.of(status, code, argument), headers, status);
    }

    private ProblemDetail domainProblem(HttpStatus status, DomainException e) {
        return problems.of(status, e.code(), e.arguments());
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
