package dev.hasim.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once per seed, {@code from} to {@code to} inclusive, each as its own test named
 * {@code seed N}: a failing seed shows in the test's name, in its failure message and in the reproduce
 * command. {@code -Dhasim.seed=N} runs only seed N. Use instead of {@code @Test}.
 *
 * <pre>{@code
 * @Seeds(from = 1, to = 50)
 * void onePrimaryWhateverTheLossPattern(Hasim hasim) { … }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(HasimExtension.class)
public @interface Seeds {
  long from();

  long to();
}
