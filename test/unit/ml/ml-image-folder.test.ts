import { describe, expect, it } from 'vitest';
import { describeLayout, readFolderLayout } from '../../../src/ml/image-folder';

describe('reading an image folder', () => {
  it('finds one class per subfolder, in name order, and names the files it skips', () => {
    const layout = readFolderLayout(
      [
        'pets/dogs/a.png',
        'pets/cats/b.JPG',
        'pets/cats/c.webp',
        'pets/notes.txt',
        'pets/cats/readme.md',
        'pets/dogs/.DS_Store',
        'pets/cats/deep/d.png',
      ],
      'pets',
    );
    expect(layout.classNames).toEqual(['cats', 'dogs']);
    expect(layout.files).toEqual([
      { path: 'pets/cats/b.JPG', label: 0 },
      { path: 'pets/cats/c.webp', label: 0 },
      { path: 'pets/dogs/a.png', label: 1 },
    ]);
    expect(layout.skipped).toEqual([
      'pets/notes.txt (not directly inside a class folder)',
      'pets/cats/readme.md (not a png, jpg, jpeg, gif, webp, bmp image)',
      'pets/cats/deep/d.png (not directly inside a class folder)',
    ]);
    expect(describeLayout(layout)).toBe('2 classes: cats (2), dogs (1)');
  });

  it('reads a zip whose top level is the class folders, or one folder holding them', () => {
    expect(readFolderLayout(['shapes/a/1.png', 'shapes/b/2.png'], 'shapes.zip', 'zip').classNames).toEqual(['a', 'b']);
    expect(readFolderLayout(['a/1.png', 'b/2.png', 'c/3.png'], 'shapes.zip', 'zip').classNames).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('refuses a folder of one class, or without class folders, saying what to do', () => {
    expect(() => readFolderLayout(['pets/cats/a.png', 'pets/cats/b.png'], 'pets')).toThrow(
      /one class folder \(“cats”\).*at least two/,
    );
    expect(() => readFolderLayout(['pets/a.png'], 'pets')).toThrow(/no images in class folders.*subfolder/);
  });
});
