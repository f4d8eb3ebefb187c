export * from './image-fixtures';
export * from './images-under-test';
