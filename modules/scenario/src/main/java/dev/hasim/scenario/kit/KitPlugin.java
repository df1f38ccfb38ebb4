package dev.hasim.scenario.kit;

import dev.hasim.scenario.spi.ModelPlugin;

/** A model plug-in's name and summary, held once; the model adds how it reads its topology section. */
public abstract class KitPlugin implements ModelPlugin {
  private final String name;
  private final String summary;

  protected KitPlugin(String name, String summary) {
    this.name = name;
    this.summary = summary;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }
}
