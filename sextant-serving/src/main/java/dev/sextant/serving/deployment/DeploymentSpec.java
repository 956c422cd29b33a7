package dev.sextant.serving.deployment;

/**
 * What a deployment should be, as a user writes it: its name (the model name on the inference
 * protocol), its traffic policy and batching.
 */
public record DeploymentSpec(String name, String description, TrafficPolicy policy, Batching batching) {

    public DeploymentSpec {
        DeploymentRules.name(name);
    }
}
