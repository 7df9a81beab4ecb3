import type { ArtifactInfo } from '../../tracking';

export interface ArtifactFolder {
  name: string;
  path: string;
  folders: ArtifactFolder[];
  files: ArtifactInfo[];
  /** Total bytes below this folder. */
  size: number;
}

/** Folds flat artifact paths (`model/model.json`) into folders, each sorted: folders first, then files. */
export function buildArtifactTree(artifacts: readonly ArtifactInfo[]): ArtifactFolder {
  const root: ArtifactFolder = { name: '', path: '', folders: [], files: [], size: 0 };
  for (const artifact of artifacts) {
    const parts = artifact.path.split('/');
    let folder = root;
    folder.size += artifact.size;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.find((f) => f.name === part);
      if (!next)
        folder.folders.push(
          (next = { name: part, path: folder.path ? `${folder.path}/${part}` : part, folders: [], files: [], size: 0 }),
        );
      next.size += artifact.size;
      folder = next;
    }
    folder.files.push(artifact);
  }
  const order = (folder: ArtifactFolder) => {
    folder.folders.sort((a, b) => (a.name < b.name ? -1 : 1));
    folder.files.sort((a, b) => (a.path < b.path ? -1 : 1));
    folder.folders.forEach(order);
  };
  order(root);
  return root;
}

export type PreviewKind = 'image' | 'text' | 'json' | 'none';

const TEXT_TYPES = /^(text\/|application\/(yaml|x-yaml|xml|csv))/;
const TEXT_NAMES = /(^|\/)(MLmodel|requirements\.txt|conda\.yaml|python_env\.yaml|LICENSE|README)$/;

/** How an artifact can be previewed, from its MIME type and name. */
export function previewKind(artifact: ArtifactInfo): PreviewKind {
  if (artifact.mimeType.startsWith('image/')) return 'image';
  if (artifact.mimeType === 'application/json' || artifact.path.endsWith('.json')) return 'json';
  if (
    TEXT_TYPES.test(artifact.mimeType) ||
    TEXT_NAMES.test(artifact.path) ||
    /\.(txt|md|csv|tsv|log|yaml|yml|py|ts|js)$/i.test(artifact.path)
  )
    return 'text';
  return 'none';
}
