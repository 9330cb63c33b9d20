//go:build unix

package regular

import (
	"os"
	"syscall"
)

// openFlags opens without waiting: a named pipe swapped in after the check
// opens at once (and is then refused) instead of blocking.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
