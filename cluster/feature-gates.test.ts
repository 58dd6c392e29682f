import { describe, expect, it } from 'vitest';
import { FEATURE_GATES, validateFeatureGates } from './feature-gates.js';
import { KUBE_VERSIONS } from './versions.js';

describe('KubeletFineGrainedAuthz across releases', () => {
  it('does not exist in 1.31', () => {
    expect(validateFeatureGates('1.31', { KubeletFineGrainedAuthz: true })).toEqual({
      ok: false,
      message: 'unrecognized feature gate: KubeletFineGrainedAuthz',
    });
  });

  it('is beta and on by default in 1.33, and may be turned off', () => {
    expect(FEATURE_GATES['1.33'].KubeletFineGrainedAuthz).toEqual({ default: true, preRelease: 'BETA', lockToDefault: false });
    const result = validateFeatureGates('1.33', { KubeletFineGrainedAuthz: false });
    expect(result.ok && result.effective.KubeletFineGrainedAuthz).toBe(false);
  });

  it('is GA and locked on in 1.36', () => {
    expect(validateFeatureGates('1.36', { KubeletFineGrainedAuthz: false })).toEqual({
      ok: false,
      message: 'cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true',
    });
    const result = validateFeatureGates('1.36', { KubeletFineGrainedAuthz: true });
    expect(result.ok && result.effective.KubeletFineGrainedAuthz).toBe(true);
  });
});

describe('validateFeatureGates', () => {
  it('rejects a misspelt gate with the upstream message', () => {
    expect(validateFeatureGates('1.33', { KubeletFineGrainedAuthZ: true })).toEqual({
      ok: false,
      message: 'unrecognized feature gate: KubeletFineGrainedAuthZ',
    });
  });

  it('reports the locked value for gates locked off', () => {
    expect(validateFeatureGates('1.33', { WatchFromStorageWithoutResourceVersion: true })).toEqual({
      ok: false,
      message: 'cannot set feature gate WatchFromStorageWithoutResourceVersion to true, feature is locked to false',
    });
  });

  it('resolves unset gates to their release default', () => {
    const result = validateFeatureGates('1.31', {});
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.effective.ContainerCheckpoint).toBe(true);
      expect(result.effective.ComponentStatusz).toBeUndefined();
    }
  });

  it('lets AllAlpha switch on alpha gates that were not set explicitly', () => {
    const result = validateFeatureGates('1.33', { AllAlpha: true, ComponentFlagz: false });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.effective.ComponentStatusz).toBe(true);
      expect(result.effective.ComponentFlagz).toBe(false);
      expect(result.effective.KubeletFineGrainedAuthz).toBe(true);
    }
  });

  it('knows the zpages gates only from 1.32, with statusz on by default in 1.36', () => {
    expect(FEATURE_GATES['1.31'].ComponentStatusz).toBeUndefined();
    expect(FEATURE_GATES['1.33'].ComponentStatusz?.default).toBe(false);
    expect(FEATURE_GATES['1.36'].ComponentStatusz).toEqual({ default: true, preRelease: 'BETA', lockToDefault: false });
  });

  it.each(KUBE_VERSIONS)('accepts every gate of %s at its default', (version) => {
    const defaults = Object.fromEntries(Object.entries(FEATURE_GATES[version]).map(([name, spec]) => [name, spec.default]));
    expect(validateFeatureGates(version, defaults).ok).toBe(true);
  });
});
