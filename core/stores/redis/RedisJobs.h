#pragma once

// Kept for the files that include it: the data store's jobs, one class per header.
#include "RedisBackup.h"
#include "RedisJobRunner.h"
#include "RedisRestore.h"
