/** The SDK name and version sent with every answer; a test keeps it equal to package.json. */
export const SDK = 'koe@0.1.0'
