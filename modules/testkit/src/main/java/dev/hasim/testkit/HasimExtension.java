package dev.hasim.testkit;

import dev.hasim.kernel.trace.TraceFormat;
import dev.hasim.scenario.ScenarioLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 side of the kit: gives tests a {@link Hasim}, runs {@link Seeds} templates, runs
 * {@link VerifyDeterminism} tests twice, and when a test ends closes every simulation it left open, judging
 * its invariants (a violation fails a test that otherwise passed).
 */
public final class HasimExtension implements ParameterResolver, AfterTestExecutionCallback,
    TestTemplateInvocationContextProvider, InvocationInterceptor {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HasimExtension.class);
  private static final String SEED = "seed";
  private static final String HASIM = "hasim";

  // ---- Hasim parameters ------------------------------------------------------------------------------------

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Hasim.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    return store.getOrComputeIfAbsent(HASIM, key -> {
      Long seed = store.get(SEED, Long.class);
      if (seed == null) {
        seed = Long.getLong(Hasim.SEED_PROPERTY);
      }
      String test = context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName();
      return new Hasim(ScenarioLoader.withInstalledModels(), seed, test);
    }, Hasim.class);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Hasim hasim = context.getStore(NAMESPACE).get(HASIM, Hasim.class);
    if (hasim == null) {
      return;
    }
    if (context.getExecutionException().isPresent()) {
      hasim.abandonAll(); // the test's own failure says what went wrong; stop the actors, judge nothing
      keepTraces(context, hasim);
    } else {
      hasim.closeAll();
    }
  }

  /**
   * A failed test loses nothing: each of its simulations' traces is written under
   * {@code target/hasim-failures/<class>/<method>/<test>/}, in the trace.jsonl format every hasim view reads.
   */
  private static void keepTraces(ExtensionContext context, Hasim hasim) {
    Path folder = Path.of("target", "hasim-failures", context.getRequiredTestClass().getSimpleName(),
        context.getRequiredTestMethod().getName(), context.getDisplayName().replaceAll("[^A-Za-z0-9._-]+", "_"));
    List<Sim> sims = hasim.simulations();
    try {
      Files.createDirectories(folder);
      for (int i = 0; i < sims.size(); i++) {
        Sim sim = sims.get(i);
        Path file = folder.resolve("sim-" + (i + 1) + "-" + sim.scenario().name() + "-seed-" + sim.seed()
            + ".trace.jsonl");
        Files.writeString(file, TraceFormat.jsonl(sim.events()));
      }
      if (!sims.isEmpty()) {
        System.err.println("hasim: the failed test's trace" + (sims.size() > 1 ? "s are" : " is") + " in "
            + folder.toAbsolutePath());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("hasim: could not keep the failed test's traces in " + folder + ": " + e);
    }
  }

  // ---- @Seeds ---------------------------------------------------------------------------------------------

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(Seeds.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Seeds seeds = context.getRequiredTestMethod().getAnnotation(Seeds.class);
    if (seeds.to() < seeds.from()) {
      throw new IllegalArgumentException("@Seeds(from = " + seeds.from() + ", to = " + seeds.to()
          + "): 'to' is before 'from'");
    }
    Long only = Long.getLong(Hasim.SEED_PROPERTY);
    LongStream range = only != null ? LongStream.of(only) : LongStream.rangeClosed(seeds.from(), seeds.to());
    return range.mapToObj(SeedInvocation::new);
  }

  /** One seed's run of a {@link Seeds} test: named for the seed, which it hands to the test's {@link Hasim}. */
  private record SeedInvocation(long seed) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "seed " + seed;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of((BeforeEachCallback) context -> context.getStore(NAMESPACE).put(SEED, seed));
    }
  }

  // ---- @VerifyDeterminism ------------------------------------------------------------------------------------

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    runMaybeTwice(invocation, invocationContext, context);
  }

  /**
   * A {@link Seeds} run's failure names its seed even when it comes from a plain JUnit assertion (the kit's own
   * already do), with the command that repeats just that seed.
   */
  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    try {
      runMaybeTwice(invocation, invocationContext, context);
    } catch (SimAssertionError e) {
      throw e;
    } catch (AssertionError e) {
      Long seed = context.getStore(NAMESPACE).get(SEED, Long.class);
      Hasim hasim = context.getStore(NAMESPACE).get(HASIM, Hasim.class);
      if (seed == null || hasim == null) {
        throw e;
      }
      throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n  reproduce: " + hasim.reproduce(seed), e);
    }
  }

  private void runMaybeTwice(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    if (!invocationContext.getExecutable().isAnnotationPresent(VerifyDeterminism.class)) {
      invocation.proceed();
      return;
    }
    invocation.proceed();
    Hasim hasim = context.getStore(NAMESPACE).get(HASIM, Hasim.class);
    if (hasim == null || hasim.simulations().isEmpty()) {
      throw new AssertionError("@VerifyDeterminism: the test made no simulation to compare");
    }
    List<Sim> firstSims = hasim.simulations();
    List<String> first = hasim.closeAll();
    hasim.reset();
    Method method = invocationContext.getExecutable();
    method.setAccessible(true);
    try {
      method.invoke(invocationContext.getTarget().orElse(null), invocationContext.getArguments().toArray());
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
    List<String> second = hasim.closeAll();
    if (!first.equals(second)) {
      int i = 0;
      while (i < Math.min(first.size(), second.size()) && first.get(i).equals(second.get(i))) {
        i++;
      }
      Sim sim = firstSims.get(Math.min(i, firstSims.size() - 1));
      throw new AssertionError("not deterministic: simulation " + (i + 1) + " (scenario " + sim.scenario().name()
          + ", seed " + sim.seed() + ") has trace sha256 " + (i < first.size() ? first.get(i) : "none")
          + " on the first run and " + (i < second.size() ? second.get(i) : "none") + " on the second"
          + "\n  reproduce: " + sim.reproduce());
    }
  }
}
