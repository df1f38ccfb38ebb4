package dev.hasim.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test body twice (with the same seed) and fails unless every simulation it made produced the same
 * trace hash both times: the CLI's {@code --verify-determinism} for a test. With {@link HasimTest} or
 * {@link Seeds}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(HasimExtension.class)
public @interface VerifyDeterminism {}
