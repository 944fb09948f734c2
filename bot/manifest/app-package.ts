import JSZip from 'jszip';
import type { TeamsManifest } from './teams-manifest';

/** The files of a Teams app package besides the manifest: the icons named by `manifest.icons`. */
export interface AppPackageFiles {
  manifest: TeamsManifest;
  /** File name (as in `manifest.icons`) → PNG bytes. */
  icons: Record<string, Buffer>;
}

const fixedDate = new Date('2026-01-01T00:00:00Z');

/** Zips a manifest and its icons at the root of the archive, as Teams expects; the same input gives the same bytes. */
export async function buildAppPackage(files: AppPackageFiles): Promise<Buffer> {
  const named = files.manifest.icons as Record<string, string> | undefined;
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(files.manifest, null, 2)}\n`, { date: fixedDate });
  for (const fileName of Object.values(named ?? {})) {
    const bytes = files.icons[fileName];
    if (!bytes)
      throw new Error(
        `Teams app package: the manifest names the icon "${fileName}", which was not supplied.`,
      );
    zip.file(fileName, bytes, { date: fixedDate });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
