//go:build !unix

package regulartest

import "errors"

func mkfifo(string) error { return errors.New("named pipes are unix's") }
