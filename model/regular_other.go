//go:build !unix

package model

import "os"

const openFlags = os.O_RDONLY
