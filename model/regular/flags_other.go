//go:build !unix

package regular

import "os"

const openFlags = os.O_RDONLY
