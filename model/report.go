package model

import "eventlens/model/core"

// Problem is one thing the loader skipped or could not decode.
type Problem = core.Problem

// FileReport says what the loader did with one input file.
type FileReport = core.FileReport
