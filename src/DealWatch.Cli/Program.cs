Console.WriteLine(typeof(DealWatch.Functions.Ping).Assembly.Location);
