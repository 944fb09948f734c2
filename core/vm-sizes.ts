/** What the simulator knows about a VM size: vCPUs counted against quota, its quota family, GPU or not. */
export interface VmSizeInfo {
  cores: number;
  /** The quota family, when the size is known. */
  family?: string;
  gpu: boolean;
}

const known: Record<string, { cores: number; family: string }> = {
  standard_ds2_v2: { cores: 2, family: 'standardDSv2Family' },
  standard_ds3_v2: { cores: 4, family: 'standardDSv2Family' },
  standard_ds4_v2: { cores: 8, family: 'standardDSv2Family' },
  standard_ds5_v2: { cores: 16, family: 'standardDSv2Family' },
  standard_d4s_v5: { cores: 4, family: 'standardDSv5Family' },
  standard_d8s_v5: { cores: 8, family: 'standardDSv5Family' },
  standard_d16s_v5: { cores: 16, family: 'standardDSv5Family' },
  standard_d32s_v5: { cores: 32, family: 'standardDSv5Family' },
  standard_e4s_v3: { cores: 4, family: 'standardESv3Family' },
  standard_e8s_v3: { cores: 8, family: 'standardESv3Family' },
  standard_f4s_v2: { cores: 4, family: 'standardFSv2Family' },
  standard_f8s_v2: { cores: 8, family: 'standardFSv2Family' },
  standard_nc6s_v3: { cores: 6, family: 'standardNCSv3Family' },
  standard_nc12s_v3: { cores: 12, family: 'standardNCSv3Family' },
  standard_nc24s_v3: { cores: 24, family: 'standardNCSv3Family' },
  standard_nc4as_t4_v3: { cores: 4, family: 'standardNCASv3_T4Family' },
  standard_nc8as_t4_v3: { cores: 8, family: 'standardNCASv3_T4Family' },
  standard_nc24ads_a100_v4: { cores: 24, family: 'standardNCADSA100v4Family' },
  standard_nc48ads_a100_v4: { cores: 48, family: 'standardNCADSA100v4Family' },
  standard_nd96asr_v4: { cores: 96, family: 'standardNDASv4_A100Family' },
};

/** Looks a VM size up; unknown sizes get their vCPUs from the digits in the name. */
export function vmSizeInfo(vmSize: string): VmSizeInfo {
  const gpu = /^standard_n/i.test(vmSize);
  const entry = known[vmSize.toLowerCase()];
  if (entry) return { ...entry, gpu };
  const digits = /^standard_[a-z]+?(\d+)/i.exec(vmSize);
  return { cores: digits ? Number(digits[1]) : 4, gpu };
}
